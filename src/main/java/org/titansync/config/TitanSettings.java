package org.titansync.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [titan]}: where the API is and how hard to use it ({@link SyncConfig#titan()}).
 *
 * @param proxy the HTTP proxy every call to Titan goes through, as {@code http://HOST:PORT}; empty
 *     for none (then the JVM's own proxy settings apply)
 * @param builtInSandbox true when {@code --sandbox} pointed the config at the built-in sandbox
 */
public record TitanSettings(
    String baseUrl,
    Secret apiKey,
    int timeoutSeconds,
    int pageSize,
    int maxConcurrency,
    double maxRequestsPerSecond,
    double initialRequestsPerSecond,
    String proxy,
    boolean builtInSandbox) {
  /** How holds, the audit log and the window name the built-in sandbox. */
  public static final String SANDBOX = "sandbox";

  public TitanSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(proxy, "proxy");
  }

  /**
   * The Titan a run is judged against and writes to, as holds, the audit log and the window name
   * it: {@value #SANDBOX} for the built-in sandbox (whose URL changes at every start), else the
   * base URL.
   */
  public String identity() {
    return builtInSandbox ? SANDBOX : baseUrl;
  }

  /**
   * The same settings against another server: reached directly, never through the configured proxy.
   */
  public TitanSettings withBaseUrl(String url) {
    return new TitanSettings(
        url,
        apiKey,
        timeoutSeconds,
        pageSize,
        maxConcurrency,
        maxRequestsPerSecond,
        initialRequestsPerSecond,
        "",
        false);
  }

  /** The same settings against the built-in sandbox ({@code --sandbox}) at {@code url}. */
  public TitanSettings atBuiltInSandbox(String url, Secret key) {
    return new TitanSettings(
        url,
        key,
        timeoutSeconds,
        pageSize,
        maxConcurrency,
        maxRequestsPerSecond,
        initialRequestsPerSecond,
        "",
        true);
  }

  public TitanSettings withApiKey(Secret key) {
    return new TitanSettings(
        baseUrl,
        key,
        timeoutSeconds,
        pageSize,
        maxConcurrency,
        maxRequestsPerSecond,
        initialRequestsPerSecond,
        proxy,
        builtInSandbox);
  }

  /** The proxy's host and port, unresolved; empty when no proxy is set. */
  public Optional<InetSocketAddress> proxyAddress() {
    if (proxy.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create(proxy);
    return Optional.of(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
  }
}
