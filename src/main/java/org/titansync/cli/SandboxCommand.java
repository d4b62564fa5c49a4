package org.titansync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code titan-sync sandbox}: runs a local Titan HST until stopped. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a local Titan HST (the API contract titan-sync targets) on 127.0.0.1 until Ctrl-C.",
      "Loads --state when it exists, else --seed, else the built-in sample; saves to --state"
          + " at most once a second while changed and on shutdown. One sandbox per state file:"
          + " it is locked (FILE.lock) while this one runs, and a second is refused (exit 6)."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync sandbox --port 8089 --state sandbox-state.json",
      "  titan-sync sandbox --latency-ms 20 --error-rate 0.1 --rps 25",
      "",
      "Then point [titan] base_url at http://127.0.0.1:8089/api/v1 with api_key = \"sandbox-key\"."
    })
public final class SandboxCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8089",
      description = "TCP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "Keep the sandbox's data in this JSON file across restarts.")
  private Path stateFile;

  @Option(
      names = "--seed",
      paramLabel = "FILE",
      description = "Start from this seed when there is no state file (default: the sample seed).")
  private Path seedFile;

  @Option(
      names = "--latency-ms",
      paramLabel = "N",
      defaultValue = "0",
      description = "Delay every request by N milliseconds.")
  private long latencyMs;

  @Option(
      names = "--error-rate",
      paramLabel = "X",
      defaultValue = "0",
      description = "Answer this fraction (0..1) of requests 503 with Retry-After: 1.")
  private double errorRate;

  @Option(
      names = "--drop-rate",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "Carry out this fraction (0..1) of writes, then close the connection without an answer.")
  private double dropRate;

  @Option(
      names = "--rps",
      paramLabel = "N",
      defaultValue = "0",
      description = "Allow N requests per second, answer the rest 429; 0 = no limit.")
  private int rps;

  @Option(
      names = "--no-rate-headers",
      description =
          "Send no X-RateLimit-* headers, like a Titan that does not announce its limit (429s"
              + " with Retry-After still come over --rps).")
  private boolean noRateHeaders;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = SandboxOptions.DEFAULT_API_KEY,
      description = "An API key with full access (default: ${DEFAULT-VALUE}).")
  private String apiKey;

  /** For picocli and for the top-level command that registers this one. */
  public SandboxCommand() {}

  @Override
  public Integer call() throws Exception {
    SandboxOptions options;
    try {
      options =
          SandboxOptions.defaults()
              .withPort(port)
              .withApiKey(apiKey)
              .withStateFile(stateFile)
              .withSeedFile(seedFile)
              .withLatencyMs(latencyMs)
              .withErrorRate(errorRate)
              .withDropRate(dropRate)
              .withRps(rps)
              .withRateHeaders(!noRateHeaders);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    SandboxServer server;
    try {
      server = SandboxServer.start(options);
    } catch (SandboxServer.StateInUse e) {
      // One sandbox per state file: two would each undo the other's writes when they save.
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return org.titansync.cli.ExitCode.BUSY;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // saves the state file before the JVM exits
                  server.close();
                  stopped.countDown();
                },
                "titan-sandbox-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Titan sandbox listening at " + server.baseUrl());
    out.println("API key: " + options.apiKey());
    out.println(
        stateFile != null
            ? "State file: " + stateFile
            : "State is kept in memory only (no --state)");
    out.println("Stop with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }
}
