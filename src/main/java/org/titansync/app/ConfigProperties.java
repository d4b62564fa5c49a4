package org.titansync.app;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.spi.PropertiesSource;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.InboxFilter;
import org.titansync.notify.Notifier;

/**
 * The {@code titan.*} placeholders of routes/*.camel.yaml, answered from the run's {@link
 * SyncConfig}: the properties component asks this source for any placeholder it has no override
 * for. The daemon's placeholders ({@code titan.daemon}, {@code titan.inbox.*}, {@code
 * titan.sftp.*}, {@code titan.cluster.namespace}) are answered only for the daemon, the SFTP ones
 * only when {@code [sftp]} is set. Not a loadable source on purpose: nothing can list it.
 */
public final class ConfigProperties implements PropertiesSource {
  private final Map<String, String> values;

  private ConfigProperties(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The placeholders of {@code sync} and the other one-shot commands. */
  public static ConfigProperties forRuns(SyncConfig config) {
    return new ConfigProperties(pipeline(config));
  }

  /** The placeholders of {@code run}: the one-shot ones, and the inbox's and SFTP's. */
  public static ConfigProperties forDaemon(SyncConfig config) {
    Map<String, String> values = pipeline(config);
    values.putAll(daemon(config));
    return new ConfigProperties(values);
  }

  @Override
  public String getName() {
    return "titan-sync config";
  }

  @Override
  public String getProperty(String name) {
    return values.get(name);
  }

  /** The placeholders it answers, not their values: one may hold a secret. */
  @Override
  public String toString() {
    return getName() + " " + new java.util.TreeSet<>(values.keySet());
  }

  private static Map<String, String> pipeline(SyncConfig config) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("titan.mail.endpoint", Notifier.endpointUri(config.email()));
    SyncConfig.Retry retry = config.retry();
    values.put("titan.retry.initial_delay_ms", Long.toString(retry.initialDelayMs()));
    values.put("titan.retry.max_delay_ms", Long.toString(retry.maxDelayMs()));
    values.put("titan.retry.multiplier", String.format(Locale.ROOT, "%s", retry.multiplier()));
    return values;
  }

  private static Map<String, String> daemon(SyncConfig config) {
    SyncConfig.Daemon daemon = config.daemon();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("titan.daemon", "true");
    values.put("titan.cluster.namespace", DaemonConfiguration.NAMESPACE);
    values.put("titan.inbox.dir", config.paths().inbox().toAbsolutePath().toString());
    values.put("titan.inbox.exclude", "(?i)" + InboxFilter.IGNORED.pattern());
    values.put("titan.inbox.poll_ms", millis(daemon.pollSeconds()));
    SyncConfig.Sftp sftp = daemon.sftp();
    if (sftp.enabled()) {
      // The rest of [sftp] (the secret among it) goes to the sftpSource bean, not to a URI.
      long pollMs = Math.max(1, Math.round(sftp.pollSeconds() * 1000));
      values.put("titan.sftp.poll_ms", Long.toString(pollMs));
      values.put("titan.sftp.first_poll_ms", Long.toString(Math.min(pollMs, 2000)));
    }
    return values;
  }

  private static String millis(double seconds) {
    return String.format(Locale.ROOT, "%d", Math.max(1, Math.round(seconds * 1000)));
  }
}
