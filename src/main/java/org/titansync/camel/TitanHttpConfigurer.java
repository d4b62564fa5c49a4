package org.titansync.camel;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.titansync.titan.TitanClient;

/**
 * Adds the API key to every request of the HTTP client that writes to Titan, so the key is never a
 * Camel message header (headers can end up in logs and traces); and sends those requests through
 * {@code titan.proxy} when one is set.
 */
public final class TitanHttpConfigurer implements HttpClientConfigurer {
  private final Supplier<String> apiKey;
  private final Optional<InetSocketAddress> proxy;

  public TitanHttpConfigurer(Supplier<String> apiKey, Optional<InetSocketAddress> proxy) {
    this.apiKey = apiKey;
    this.proxy = proxy;
  }

  @Override
  public void configureHttpClient(HttpClientBuilder builder) {
    builder.disableAutomaticRetries();
    builder.setUserAgent(TitanClient.USER_AGENT);
    proxy.ifPresent(p -> builder.setProxy(new HttpHost("http", p.getHostString(), p.getPort())));
    builder.addRequestInterceptorFirst(
        (request, entity, context) -> {
          request.setHeader("Authorization", "Bearer " + apiKey.get());
          request.setHeader("Accept", "application/json");
        });
  }
}
