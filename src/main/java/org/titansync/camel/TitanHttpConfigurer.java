package org.titansync.camel;

import java.util.function.Supplier;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Adds the API key to every request of the HTTP client that writes to Titan, so the key is never a
 * Camel message header (headers can end up in logs and traces).
 */
public final class TitanHttpConfigurer implements HttpClientConfigurer {
  private final Supplier<String> apiKey;

  public TitanHttpConfigurer(Supplier<String> apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void configureHttpClient(HttpClientBuilder builder) {
    builder.disableAutomaticRetries();
    builder.addRequestInterceptorFirst(
        (request, entity, context) -> {
          request.setHeader("Authorization", "Bearer " + apiKey.get());
          request.setHeader("Accept", "application/json");
        });
  }
}
