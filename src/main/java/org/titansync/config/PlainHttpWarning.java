package org.titansync.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * When {@code titan.base_url} sends the key in clear text over the network: an {@code http://} URL
 * whose host is not this machine. Said by doctor and at the start of every run.
 */
public final class PlainHttpWarning {
  private PlainHttpWarning() {}

  /** The warning for this base URL; empty for https, this machine, or no URL. */
  public static Optional<String> of(String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || loopback(uri)) {
      return Optional.empty();
    }
    return Optional.of(
        "titan.base_url "
            + baseUrl
            + " is http:// to another machine: the API key and staff data cross the network"
            + " unencrypted; use https://");
  }

  private static boolean loopback(URI uri) {
    String host = uri.getHost();
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Only literal addresses are judged: a name is not looked up, and counts as remote.
      if (host.startsWith("[") || host.matches("[0-9.]+")) {
        return InetAddress.getByName(host).isLoopbackAddress();
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
