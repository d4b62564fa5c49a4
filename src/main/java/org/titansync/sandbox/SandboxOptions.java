package org.titansync.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link SandboxServer} behaves. Start from {@link #defaults()} and change fields with the
 * {@code with...} methods.
 *
 * @param port the TCP port on 127.0.0.1; 0 picks any free port
 * @param apiKey a key that always has full access, besides any keys the seed or state lists
 * @param stateFile where the state lives across restarts: loaded at start when it exists (else the
 *     seed is), saved on {@link SandboxServer#close()} and at most once a second while changed;
 *     null keeps the state in memory only
 * @param seedFile the seed to load when there is no state file; null means the built-in sample
 *     (classpath {@code /samples/seed.json})
 * @param latencyMs added to every API request before it is handled
 * @param errorRate fraction (0..1) of API requests answered 503 with Retry-After: 1 before anything
 *     else happens
 * @param dropRate fraction (0..1) of write requests that are carried out and then answered by
 *     closing the connection, as when a proxy loses the answer
 * @param rps API requests allowed per second; more are answered 429 with Retry-After; 0 = no limit
 * @param ignoreIdempotency true behaves like a Titan that ignores the Idempotency-Key header
 * @param randomSeed seeds the fault injection, so a run with the same requests sees the same faults
 * @param rateHeaders false answers without the X-RateLimit-* headers, like a Titan (or a proxy
 *     before it) that does not announce its limit; 429s with Retry-After still come over the limit
 */
public record SandboxOptions(
    int port,
    String apiKey,
    Path stateFile,
    Path seedFile,
    long latencyMs,
    double errorRate,
    double dropRate,
    int rps,
    boolean ignoreIdempotency,
    long randomSeed,
    boolean rateHeaders) {

  public static final String DEFAULT_API_KEY = "sandbox-key";

  public SandboxOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latencyMs must not be negative");
    }
    checkRate("errorRate", errorRate);
    checkRate("dropRate", dropRate);
    if (rps < 0) {
      throw new IllegalArgumentException("rps must not be negative (0 = no limit)");
    }
  }

  static void checkRate(String name, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, not " + rate);
    }
  }

  /** Any free port, key "sandbox-key", the sample seed, no state file, no faults, no limit. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(0, DEFAULT_API_KEY, null, null, 0, 0.0, 0.0, 0, false, 1L, true);
  }

  public SandboxOptions withPort(int value) {
    return new SandboxOptions(
        value,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withApiKey(String value) {
    return new SandboxOptions(
        port,
        value,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withStateFile(Path value) {
    return new SandboxOptions(
        port,
        apiKey,
        value,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withSeedFile(Path value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        value,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withLatencyMs(long value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        value,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withErrorRate(double value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        value,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withDropRate(double value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        value,
        rps,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withRps(int value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        value,
        ignoreIdempotency,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withIgnoreIdempotency(boolean value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        value,
        randomSeed,
        rateHeaders);
  }

  public SandboxOptions withRandomSeed(long value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        value,
        rateHeaders);
  }

  public SandboxOptions withRateHeaders(boolean value) {
    return new SandboxOptions(
        port,
        apiKey,
        stateFile,
        seedFile,
        latencyMs,
        errorRate,
        dropRate,
        rps,
        ignoreIdempotency,
        randomSeed,
        value);
  }
}
