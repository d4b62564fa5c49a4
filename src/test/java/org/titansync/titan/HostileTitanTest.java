package org.titansync.titan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.titansync.config.PlainHttpWarning;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanUser;

/**
 * The client against a Titan that misbehaves on purpose, one local HTTP server per case: pages that
 * never end, an answer that drips, answers too large to hold, a compressed bomb, fields of the
 * wrong type and an error that echoes the key. Each must end soon, with a message that names the
 * problem and never the key.
 */
class HostileTitanTest {
  private static final String KEY = "hostile-test-key-5b1e9c";
  private static final String EMPTY_PAGE = "{\"data\": [], \"next_cursor\": null}";

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @FunctionalInterface
  private interface Answer {
    void handle(HttpExchange exchange, int request) throws IOException;
  }

  private URI serve(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try {
            answer.handle(exchange, requests.incrementAndGet());
          } catch (IOException e) {
            // The client hung up, as it should on a hostile answer.
          } finally {
            exchange.close();
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A Titan that answers every list of users with {@code page}, and empty sites and roles. */
  private URI serveUsers(String page) throws IOException {
    return serve((exchange, n) -> reply(exchange, 200, users(exchange) ? page : EMPTY_PAGE));
  }

  /** Users pages for /users, empty pages for sites and roles. */
  private static boolean users(HttpExchange exchange) {
    return exchange.getRequestURI().getPath().endsWith("/users");
  }

  private static TitanClient client(URI base, Duration timeout, TitanClient.Bounds bounds) {
    return new TitanClient(
        base,
        () -> KEY,
        timeout,
        10,
        Optional.empty(),
        bounds,
        RateGate.unlimited(),
        TitanClient.Retry.once());
  }

  /** Small bounds, one attempt per read: each case ends at its first hostile answer. */
  private static TitanClient.Bounds small() {
    return new TitanClient.Bounds(1 << 20, 4 << 10, 50);
  }

  private static void assertNoKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(KEY), t.getMessage());
    }
  }

  @Test
  void anEndlessStreamOfFreshCursorsStopsWithAnswersThatDoNotAddUp() throws Exception {
    URI base =
        serve(
            (exchange, n) -> {
              if (!users(exchange)) {
                reply(exchange, 200, EMPTY_PAGE);
                return;
              }
              reply(
                  exchange,
                  200,
                  "{\"data\": [{\"id\": \"u"
                      + n
                      + "\", \"email\": \"u"
                      + n
                      + "@x.org\"}], \"next_cursor\": \"c"
                      + n
                      + "\"}");
            });
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client(base, Duration.ofSeconds(5), small()).readSnapshot());
    assertTrue(e.getMessage().startsWith(TitanClient.DO_NOT_ADD_UP), e.getMessage());
    assertTrue(e.getMessage().contains("GET /users"), e.getMessage());
    // 50 users at 10 a page: a handful of pages, not thousands.
    assertTrue(requests.get() < 20, requests.get() + " requests");
  }

  /** Four pages of ten users, c1 to c3 naming the next; page {@code failing} answers 400. */
  private URI fourPages(List<String> cursors, AtomicInteger inFlight, int[] most, int failing)
      throws IOException {
    return serve(
        (exchange, n) -> {
          if (!users(exchange)) {
            reply(exchange, 200, EMPTY_PAGE);
            return;
          }
          String query = String.valueOf(exchange.getRequestURI().getQuery());
          int cursorAt = query.indexOf("cursor=c");
          int page = cursorAt < 0 ? 0 : Integer.parseInt(query.substring(cursorAt + 8));
          cursors.add(cursorAt < 0 ? "first" : "c" + page);
          synchronized (most) {
            most[0] = Math.max(most[0], inFlight.incrementAndGet());
          }
          sleep(20);
          inFlight.decrementAndGet();
          if (page == failing) {
            reply(exchange, 400, "{\"error\": {\"code\": \"bad_request\", \"message\": \"no\"}}");
            return;
          }
          StringBuilder body = new StringBuilder("{\"data\": [");
          for (int i = 0; i < 10; i++) {
            int id = page * 10 + i;
            body.append(i == 0 ? "" : ", ")
                .append("{\"id\": \"u")
                .append(id)
                .append("\", \"email\": \"u")
                .append(id)
                .append("@x.org\"}");
          }
          body.append("], \"next_cursor\": ")
              .append(page == 3 ? "null" : "\"c" + (page + 1) + "\"");
          reply(exchange, 200, body.append('}').toString());
        });
  }

  @Test
  void pagesAreAskedForOneAtATimeInCursorOrderAndHandedOverInOrder() throws Exception {
    List<String> cursors = new CopyOnWriteArrayList<>();
    int[] most = new int[1];
    URI base = fourPages(cursors, new AtomicInteger(), most, -1);
    List<TitanUser> users = client(base, Duration.ofSeconds(5), small()).readSnapshot().users();
    assertEquals(List.of("first", "c1", "c2", "c3"), cursors);
    assertEquals(1, most[0], "requests in flight at once");
    assertEquals(40, users.size());
    for (int i = 0; i < 40; i++) {
      assertEquals("u" + i, users.get(i).id());
    }
  }

  @Test
  void aPageThatFailsEndsTheReadAndNothingIsAskedForAfterIt() throws Exception {
    List<String> cursors = new CopyOnWriteArrayList<>();
    URI base = fourPages(cursors, new AtomicInteger(), new int[1], 2);
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client(base, Duration.ofSeconds(5), small()).readSnapshot());
    assertTrue(e.getMessage().contains("GET /users"), e.getMessage());
    sleep(200); // a fetching thread that went on would ask for c3 now
    assertEquals(List.of("first", "c1", "c2"), cursors);
  }

  @Test
  void whatTheFetchingThreadDidNotExpectReachesTheReaderInsteadOfLeavingItWaiting()
      throws Exception {
    AtomicInteger keysAsked = new AtomicInteger();
    URI base = serveUsers("{\"data\": [{\"id\": \"u1\"}], \"next_cursor\": \"c1\"}");
    // A key source that fails on the second page of users (sites, roles, users: the fourth ask).
    TitanClient titan =
        new TitanClient(
            base,
            () -> {
              if (keysAsked.incrementAndGet() == 4) {
                throw new IllegalStateException("the key store is gone");
              }
              return KEY;
            },
            Duration.ofSeconds(5),
            10,
            Optional.empty(),
            small(),
            RateGate.unlimited(),
            TitanClient.Retry.once());
    IllegalStateException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> assertThrows(IllegalStateException.class, titan::readSnapshot));
    assertEquals("the key store is gone", e.getMessage());
  }

  @Test
  void emptyPagesThatNeverEndStopToo() throws Exception {
    URI base =
        serve(
            (exchange, n) ->
                reply(exchange, 200, "{\"data\": [], \"next_cursor\": \"c" + n + "\"}"));
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client(base, Duration.ofSeconds(5), small()).readSnapshot());
    assertTrue(e.getMessage().startsWith(TitanClient.DO_NOT_ADD_UP), e.getMessage());
    assertTrue(requests.get() < 20, requests.get() + " requests");
  }

  @Test
  void anAnswerThatDripsEndsAtTheDeadlineForTheWholeAnswer() throws Exception {
    URI base =
        serve(
            (exchange, n) -> {
              byte[] page = EMPTY_PAGE.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, page.length);
              OutputStream out = exchange.getResponseBody();
              for (byte b : page) {
                // Each byte well within the per-read timeout; the whole far beyond the deadline.
                out.write(b);
                out.flush();
                sleep(150);
              }
              out.close();
            });
    TitanException e =
        assertThrows(
            TitanException.class, () -> client(base, Duration.ofSeconds(1), small()).checkAccess());
    assertEquals(TitanFailure.Handling.UNREACHABLE, e.handling());
    assertTrue(e.getMessage().contains("no whole answer within 1 s"), e.getMessage());
  }

  @Test
  void anAnswerWhoseBodyNeverComesEndsAtTheDeadlineToo() throws Exception {
    URI base =
        serve(
            (exchange, n) -> {
              // The headers at once, then not one byte of the body they announce.
              exchange.sendResponseHeaders(200, EMPTY_PAGE.length());
              exchange.getResponseBody().flush();
              sleep(4_000);
            });
    long start = System.nanoTime();
    TitanException e =
        assertThrows(
            TitanException.class, () -> client(base, Duration.ofSeconds(1), small()).checkAccess());
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(TitanFailure.Handling.UNREACHABLE, e.handling());
    assertTrue(e.getMessage().contains("no whole answer within 1 s"), e.getMessage());
    assertTrue(tookMillis < 3_500, "ended after " + tookMillis + " ms, not at the deadline");
  }

  @Test
  void answersComeBackWithoutAThreadStartedForEach() throws Exception {
    URI base = serve((exchange, n) -> reply(exchange, 200, EMPTY_PAGE));
    TitanClient titan = client(base, Duration.ofSeconds(5), small());
    titan.checkAccess(); // the client's and the server's own threads start here
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    for (int i = 0; i < 60; i++) {
      titan.checkAccess();
    }
    long started = threads.getTotalStartedThreadCount() - before;
    // On a machine of one or two cores the JDK's sendAsync started a thread for every answer.
    assertTrue(started < 20, started + " threads started for 60 requests");
  }

  @Test
  void aHugePageIsRefusedOnceItPassesTheCap() throws Exception {
    AtomicLong sent = new AtomicLong();
    URI base =
        serve(
            (exchange, n) -> {
              exchange.sendResponseHeaders(200, 0); // chunked, no length announced
              OutputStream out = exchange.getResponseBody();
              out.write("{\"data\": [".getBytes(StandardCharsets.UTF_8));
              byte[] spaces = new byte[64 << 10];
              java.util.Arrays.fill(spaces, (byte) ' ');
              // Up to 400 MB, for as long as the client reads.
              for (int i = 0; i < 6400; i++) {
                out.write(spaces);
                sent.addAndGet(spaces.length);
              }
              out.close();
            });
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client(base, Duration.ofSeconds(20), small()).checkAccess());
    assertTrue(e.getMessage().contains(TitanClient.UNEXPECTED), e.getMessage());
    assertTrue(e.getMessage().contains("larger than 1048576 bytes"), e.getMessage());
  }

  @Test
  void aHugeErrorBodyIsCutShort() throws Exception {
    URI base =
        serve(
            (exchange, n) -> {
              exchange.sendResponseHeaders(400, 0);
              OutputStream out = exchange.getResponseBody();
              out.write(
                  "{\"error\": {\"code\": \"bad_request\", \"message\": \""
                      .getBytes(StandardCharsets.UTF_8));
              byte[] text = new byte[64 << 10];
              java.util.Arrays.fill(text, (byte) 'x');
              for (int i = 0; i < 1000; i++) {
                out.write(text); // 64 MB of message
              }
              out.write("\"}}".getBytes(StandardCharsets.UTF_8));
              out.close();
            });
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client(base, Duration.ofSeconds(20), small()).checkAccess());
    assertEquals(TitanFailure.Handling.REJECTED, e.handling());
    assertEquals(400, e.status());
    assertTrue(e.getMessage().length() < 1000, "the cut body is not quoted whole");
  }

  @Test
  void aCompressedBombInAWriteAnswerIsNeitherAskedForNorInflated() throws Exception {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        gz.write(zeros); // 200 MB of zeros, about 200 KB compressed
      }
    }
    List<String> acceptEncoding = new CopyOnWriteArrayList<>();
    URI base =
        serve(
            (exchange, n) -> {
              acceptEncoding.add(
                  String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.getResponseHeaders().set("Content-Encoding", "gzip");
              exchange.sendResponseHeaders(201, bomb.size());
              try (OutputStream out = exchange.getResponseBody()) {
                bomb.writeTo(out);
              }
            });
    TitanClient client = client(base, Duration.ofSeconds(10), small());
    CreateUser create =
        new CreateUser(
            "E1",
            "Ana",
            "Ruiz",
            "ana@x.org",
            List.of(new Membership("s1", "School", List.of("r1"), List.of("Teacher"))),
            List.of(2));
    TitanException e =
        assertThrows(TitanException.class, () -> client.send(client.render(create, null), "k1"));
    // The write may have been made: the route looks before it tries again.
    assertEquals(TitanFailure.Handling.TRANSIENT, e.handling());
    assertEquals(TitanClient.LOST_ANSWER, e.code());
    assertTrue(e.getMessage().contains("compressed (gzip)"), e.getMessage());
    assertEquals(List.of("null"), acceptEncoding, "no compression asked for");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws Exception {
    URI base = serveUsers("{\"data\": [{\"id\": \"u1\", \"email\": 42}], \"next_cursor\": null}");
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client(base, Duration.ofSeconds(5), small()).readSnapshot());
    assertEquals(TitanFailure.Handling.REJECTED, e.handling());
    assertTrue(
        e.getMessage().contains("GET /users: unexpected answer from Titan: field email"),
        e.getMessage());
  }

  @Test
  void listsAndIdsOfTheWrongTypeAreNamedToo() throws Exception {
    for (String page :
        List.of(
            "{\"data\": {\"id\": \"u1\"}, \"next_cursor\": null}",
            "{\"data\": [{\"id\": \"u1\", \"memberships\": \"s1\"}], \"next_cursor\": null}",
            "{\"data\": [{\"email\": \"a@x.org\"}], \"next_cursor\": null}",
            "{\"data\": [], \"next_cursor\": 7}")) {
      URI base = serveUsers(page);
      TitanException e =
          assertThrows(
              TitanException.class,
              () -> client(base, Duration.ofSeconds(5), small()).readSnapshot(),
              page);
      assertTrue(e.getMessage().contains(TitanClient.UNEXPECTED + ": field "), e.getMessage());
      server.stop(0);
    }
  }

  @Test
  void aRefusalThatEchoesTheKeyNeverShowsIt() throws Exception {
    URI base =
        serve(
            (exchange, n) ->
                reply(
                    exchange,
                    401,
                    "{\"error\": {\"code\": \"unauthorized\", \"message\": \"bad header"
                        + " Authorization: "
                        + exchange.getRequestHeaders().getFirst("Authorization")
                        + "\", \"details\": {\"fields\": {\"key\": \""
                        + KEY
                        + "\"}}}}"));
    TitanException e =
        assertThrows(
            TitanException.class, () -> client(base, Duration.ofSeconds(5), small()).checkAccess());
    assertEquals(TitanFailure.Handling.AUTH, e.handling());
    assertTrue(e.getMessage().contains("Authorization: Bearer ***"), e.getMessage());
    assertNoKey(e);
  }

  @Test
  void aWriteRefusalThatEchoesTheKeyNeverShowsIt() throws Exception {
    URI base =
        serve(
            (exchange, n) ->
                reply(
                    exchange,
                    422,
                    "{\"error\": {\"code\": \"" + KEY + "\", \"message\": \"" + KEY + "\"}}"));
    TitanClient client = client(base, Duration.ofSeconds(5), small());
    CreateUser create =
        new CreateUser(
            "E1",
            "Ana",
            "Ruiz",
            "ana@x.org",
            List.of(new Membership("s1", "School", List.of("r1"), List.of("Teacher"))),
            List.of(2));
    TitanClient.WriteOutcome outcome = client.send(client.render(create, null), "k1");
    assertFalse(outcome.done());
    assertFalse(outcome.message().contains(KEY), outcome.message());
    assertFalse(outcome.code().contains(KEY), outcome.code());
  }

  @Test
  void aCreateAnswerWithoutAnIdIsALostAnswerNotACrash() throws Exception {
    URI base = serve((exchange, n) -> reply(exchange, 201, "{\"id\": 17}"));
    TitanClient client = client(base, Duration.ofSeconds(5), small());
    CreateUser create =
        new CreateUser(
            "E1",
            "Ana",
            "Ruiz",
            "ana@x.org",
            List.of(new Membership("s1", "School", List.of("r1"), List.of("Teacher"))),
            List.of(2));
    TitanException e =
        assertThrows(TitanException.class, () -> client.send(client.render(create, null), "k1"));
    assertEquals(TitanClient.LOST_ANSWER, e.code());
    assertTrue(e.getMessage().contains("unexpected answer from Titan: field id"), e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  void loggingEverythingAtTraceNeverShowsTheKey() throws Exception {
    URI base =
        serve(
            (exchange, n) ->
                reply(
                    exchange,
                    exchange.getRequestMethod().equals("GET") ? 200 : 201,
                    exchange.getRequestMethod().equals("GET") ? EMPTY_PAGE : "{\"id\": \"u9\"}"));
    ch.qos.logback.classic.LoggerContext logging =
        (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level before = root.getLevel();
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
        new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    root.addAppender(seen);
    root.setLevel(ch.qos.logback.classic.Level.TRACE);
    try {
      TitanClient client = client(base, Duration.ofSeconds(5), small());
      client.readSnapshot();
      CreateUser create =
          new CreateUser(
              "E1",
              "Ana",
              "Ruiz",
              "ana@x.org",
              List.of(new Membership("s1", "School", List.of("r1"), List.of("Teacher"))),
              List.of(2));
      assertEquals("u9", client.send(client.render(create, null), "k1").createdUserId());
    } finally {
      root.detachAppender(seen);
      root.setLevel(before);
    }
    for (ch.qos.logback.classic.spi.ILoggingEvent event : seen.list) {
      assertFalse(event.getFormattedMessage().contains(KEY), event.getFormattedMessage());
    }
  }

  @Test
  void aPlainHttpBaseUrlToAnotherMachineIsWarnedAbout() {
    assertTrue(PlainHttpWarning.of("http://titan.example.org/api/v1").isPresent());
    assertTrue(PlainHttpWarning.of("http://10.0.0.5:8080/api/v1").isPresent());
    assertTrue(PlainHttpWarning.of("http://127.0.0.1:8089/api/v1").isEmpty());
    assertTrue(PlainHttpWarning.of("http://localhost:8089/api/v1").isEmpty());
    assertTrue(PlainHttpWarning.of("http://[::1]:8089/api/v1").isEmpty());
    assertTrue(PlainHttpWarning.of("https://titan.example.org/api/v1").isEmpty());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
