package org.titansync.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

/**
 * What the Camel context itself gets from titan-sync before the routes load: the source of the
 * routes' {@code titan.*} placeholders ({@link ConfigProperties}), registered with the properties
 * component, and the service that closes the run's resources once the routes have stopped.
 */
@Configuration
public final class ContextConfiguration implements CamelConfiguration {
  private final ConfigProperties properties;
  private final ClosedWithCamel closed;

  ContextConfiguration(ConfigProperties properties, ClosedWithCamel closed) {
    this.properties = properties;
    this.closed = closed;
  }

  @Override
  public void configure(CamelContext camelContext) throws Exception {
    camelContext.getPropertiesComponent().addPropertiesSource(properties);
    camelContext.addService(closed);
  }
}
