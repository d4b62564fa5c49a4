package org.titansync.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol with the JDK's own HTTP client and
 * WebSocket: no Selenium, no driver download, no npm. It records every request the page makes and
 * every console message, so a test can say the page loaded nothing but itself.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> console = Collections.synchronizedList(new ArrayList<>());
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  /** Chromium as Debian installs it, or null when it is not installed. */
  static Path binary() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /**
   * Starts Chromium headless on a fresh profile, with everything that could reach the network on
   * its own turned off (CI runs as root, hence --no-sandbox), and attaches to its first page.
   */
  static HeadlessChromium start(Path binary, Path work) throws Exception {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=1200,900",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String browserSocket = listening(process);
    URI browser = URI.create(browserSocket);
    HttpClient http = HttpClient.newHttpClient();
    String page = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (page == null && System.nanoTime() < deadline) {
      HttpResponse<String> list =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (JsonNode target : JSON.readTree(list.body())) {
        if ("page".equals(target.path("type").asText())) {
          page = target.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
    }
    if (page == null) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium opened no page to attach to");
    }
    HeadlessChromium[] self = new HeadlessChromium[1];
    WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(page), new Listener(self))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, profile, ws);
    self[0].call("Page.enable", JSON.createObjectNode());
    self[0].call("Network.enable", JSON.createObjectNode());
    self[0].call("Runtime.enable", JSON.createObjectNode());
    self[0].call("Log.enable", JSON.createObjectNode());
    return self[0];
  }

  /** The browser's DevTools address, read from what it prints on start. */
  private static String listening(Process process) throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Keep reading its stderr so that Chromium never blocks on a full pipe.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (err.readLine() != null) {
                      // discarded
                    }
                  } catch (IOException e) {
                    // the browser went away
                  }
                },
                "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("Chromium did not start:\n" + seen);
  }

  /** Opens a URL and waits for its load event. */
  void open(String url) throws Exception {
    loaded = new CompletableFuture<>();
    ObjectNode params = JSON.createObjectNode().put("url", url);
    call("Page.navigate", params);
    loaded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Evaluates a JavaScript expression in the page and returns its value (JSON-able). */
  JsonNode eval(String expression) throws Exception {
    ObjectNode params =
        JSON.createObjectNode()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new AssertionError("script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Types text into the focused element as a keyboard would (an input event per insertion). */
  void type(String text) throws Exception {
    for (int i = 0; i < text.length(); i++) {
      call("Input.insertText", JSON.createObjectNode().put("text", String.valueOf(text.charAt(i))));
    }
  }

  /** Waits until {@code expression} is true in the page. */
  void await(String what, String expression) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (eval(expression).asBoolean(false)) {
        return;
      }
      // Polls the page on the browser's own clock: a short await of a page-side timer.
      eval("new Promise(r => setTimeout(r, 50))");
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** Every URL the page asked for, in order. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Console messages and browser log entries (a blocked script or style shows here). */
  List<String> console() {
    synchronized (console) {
      return List.copyOf(console);
    }
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  private void onMessage(String text) {
    try {
      JsonNode m = JSON.readTree(text);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
        return;
      }
      String method = m.path("method").asText();
      JsonNode p = m.path("params");
      switch (method) {
        case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
        case "Page.loadEventFired" -> loaded.complete(null);
        case "Runtime.consoleAPICalled" -> console.add("console: " + p.path("args"));
        case "Runtime.exceptionThrown" -> console.add("exception: " + p.path("exceptionDetails"));
        case "Log.entryAdded" -> console.add("log: " + p.path("entry").path("text").asText());
        default -> {
          // other events are not needed
        }
      }
    } catch (IOException e) {
      console.add("unreadable DevTools message: " + e.getMessage());
    }
  }

  /** Collects a message's fragments and hands each whole message on. */
  private static final class Listener implements WebSocket.Listener {
    private final HeadlessChromium[] owner;
    private final StringBuilder partial = new StringBuilder();

    Listener(HeadlessChromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String whole = partial.toString();
        partial.setLength(0);
        if (owner[0] != null) {
          owner[0].onMessage(whole);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    socket.abort(); // the browser goes next: no closing handshake to wait for
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Chromium may still be writing its profile: the temp folder goes with the test
                }
              });
    }
  }
}
