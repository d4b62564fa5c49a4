package org.titansync.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdleHttpThreadsTest {

  @Test
  void aClientsSelectorThreadEndsSoThatTheProcessNeedNotWaitForIt() throws Exception {
    HttpClient client = HttpClient.newBuilder().build();
    // The JDK's client names itself "...HttpClientImpl@hash(7)" and its thread
    // "HttpClient-7-SelectorManager"; only this test's client is ended, never another test's.
    Matcher id = Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
    assertTrue(id.find(), client.toString());
    String name = "HttpClient-" + id.group(1) + "-SelectorManager";
    assertTrue(IdleHttpThreads.EVERY_CLIENT.matcher(name).matches(), name);
    Thread selector = named(name);
    assertTrue(selector.isAlive(), "the client, still referenced, keeps its selector thread");

    IdleHttpThreads.end(Pattern.compile(Pattern.quote(name)));

    selector.join(10_000);
    assertFalse(selector.isAlive(), name + " still runs");
    assertTrue(
        client.toString().contains("(" + id.group(1) + ")"), "the client was kept until here");
  }

  private static Thread named(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }
}
