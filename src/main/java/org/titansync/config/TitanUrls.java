package org.titansync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for Titan's base URL and the proxy, whichever of the file or the environment set them;
 * a value with a user name or password in it is refused without being quoted.
 */
final class TitanUrls {
  private TitanUrls() {}

  /**
   * Why {@code url} cannot be the proxy, if it cannot. Credentials are refused: they would sit in
   * the config in plain sight, and a proxy that needs them is set up with the JVM's own options.
   */
  static Optional<String> proxyProblem(String url) {
    String rule =
        "must be an http:// URL with a host and a port, such as http://proxy.example.org:3128";
    if (url.contains("@")) {
      return Optional.of("cannot hold a user name or password (the value is not shown)");
    }
    try {
      URI uri = new URI(url);
      boolean bare =
          (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
              && uri.getQuery() == null
              && uri.getFragment() == null;
      if (!"http".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null
          || uri.getPort() < 1
          || !bare) {
        return Optional.of(rule + ", got \"" + url + "\"");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of(rule + ", got \"" + url + "\"");
    }
  }

  /**
   * Why {@code url} cannot be Titan's base URL, if it cannot, quoting the value. A user name or
   * password in it is refused without quoting it: Titan takes the API key, and the URL is shown in
   * logs and reports.
   */
  static Optional<String> baseUrlProblem(String url) {
    String rule = "must be an http:// or https:// URL such as https://titan.example.org/api/v1";
    String got = ", got \"" + url + "\"";
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() != null
          || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
        return Optional.of("cannot hold a user name or password (the value is not shown)");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https"))
          || uri.getHost() == null
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        return Optional.of(rule + got);
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of(
          url.contains("@")
              ? "cannot hold a user name or password (the value is not shown)"
              : rule + got);
    }
  }

  static String withoutTrailingSlashes(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
