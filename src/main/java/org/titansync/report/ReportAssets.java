package org.titansync.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The report's own style and script (templates/report.css and report.js), inlined into every
 * report.html, with the hashes its Content-Security-Policy allows them by.
 */
final class ReportAssets {
  private static final ReportAssets INSTANCE = new ReportAssets();

  private final String css;
  private final String script;

  private ReportAssets() {
    css = read("templates/report.css");
    script = read("templates/report.js");
  }

  static ReportAssets get() {
    return INSTANCE;
  }

  /** css, script, styleHash and scriptHash, for the template. */
  Map<String, Object> context() {
    return Map.of("css", css, "script", script, "styleHash", hash(css), "scriptHash", hash(script));
  }

  private static String read(String resource) {
    try (InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 'sha256-...' as CSP writes a hash of an inline element's text. */
  static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
