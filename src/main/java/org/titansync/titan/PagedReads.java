package org.titansync.titan;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.titansync.plan.TitanFailure;

/**
 * Titan's cursor-paged lists ({@code data} and {@code next_cursor}), read page by page with a read
 * ahead, and bounded: a read whose pages outrun {@link TitanClient.Bounds#maxUsers}, or whose
 * cursor comes back, stops with {@link TitanClient#DO_NOT_ADD_UP}.
 */
final class PagedReads {

  /** Reads one list item; the parser stands on its START_OBJECT and must end on its END_OBJECT. */
  @FunctionalInterface
  interface ItemReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  /** One page of a list: its items, and the cursor of the next page or null after the last. */
  record Page<T>(List<T> items, String nextCursor) {}

  private final RetryingGet reads;
  private final TitanErrors errors;
  private final int pageSize;
  private final TitanClient.Bounds bounds;

  PagedReads(RetryingGet reads, TitanErrors errors, int pageSize, TitanClient.Bounds bounds) {
    this.reads = reads;
    this.errors = errors;
    this.pageSize = pageSize;
    this.bounds = bounds;
  }

  /**
   * Every item of a cursor-paged list. A page is handed over only once it was read whole, so a page
   * retried after a broken answer is never counted twice. Pages are parsed as a stream (no JSON
   * tree per page). A thread of the read's own fetches the pages in cursor order, one request in
   * flight at a time: as soon as a page is in, it reads the page's cursor alone and asks for the
   * next, while this thread parses the page it was handed. Titan prepares page n+1 while we read
   * page n, and no other thread stands between one answer and the next request.
   */
  <T> void forEach(String path, ItemReader<T> item, Consumer<T> each) throws TitanException {
    // One page fetched ahead and waiting, one being fetched, one being parsed: at most three
    // answers in memory.
    BlockingQueue<Fetched> fetched = new ArrayBlockingQueue<>(1);
    Thread fetcher = new Thread(() -> fetchAll(path, fetched), "titan-read-ahead");
    fetcher.setDaemon(true);
    fetcher.start();
    try {
      long items = 0;
      while (true) {
        Fetched next = take(fetched);
        next.rethrow();
        Page<T> page = errors.parsed(next.query, () -> readPage(next.body, item, path));
        items += page.items().size();
        if (items > bounds.maxUsers()) {
          throw errors.doNotAddUp(path, "it has sent more than " + bounds.maxUsers() + " items");
        }
        page.items().forEach(each);
        if (next.last) {
          return;
        }
      }
    } finally {
      fetcher.interrupt();
    }
  }

  /** A page as the fetching thread hands it over: its answer, or why the read stopped there. */
  private static final class Fetched {
    final String query;
    final byte[] body;
    final boolean last;

    /** A {@link TitanException}, or what the fetching thread did not expect; null for a page. */
    final Throwable failure;

    Fetched(String query, byte[] body, boolean last, Throwable failure) {
      this.query = query;
      this.body = body;
      this.last = last;
      this.failure = failure;
    }

    /** Throws the failure here, on the reading thread, as it was thrown on the fetching one. */
    void rethrow() throws TitanException {
      if (failure instanceof TitanException t) {
        throw t;
      }
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    }
  }

  /**
   * The fetching thread: every page in cursor order, each handed over once its cursor was read and
   * judged; a read that fails, or pages that do not add up, end with their failure handed over in
   * place of the page. Stops when interrupted.
   */
  private void fetchAll(String path, BlockingQueue<Fetched> fetched) {
    String query = pageQuery(path, null);
    Set<String> seen = new HashSet<>();
    // Pages beyond what maxUsers fills are a Titan that pages forever (an endless stream of fresh
    // cursors, or empty pages that never end).
    long maxPages = bounds.maxUsers() / pageSize + 2;
    long pages = 0;
    try {
      while (true) {
        Fetched page;
        try {
          byte[] body = reads.get(query);
          String cursor = errors.parsed(query, () -> readCursor(body, path));
          pages++;
          if (cursor != null && !seen.add(cursor)) {
            // A cursor that comes back would page forever, reading the same users again and again.
            throw errors.doNotAddUp(path, "next_cursor \"" + cursor + "\" was already given");
          }
          if (cursor != null && pages >= maxPages) {
            throw errors.doNotAddUp(
                path,
                "it has sent "
                    + pages
                    + " pages and names a next one, more than "
                    + bounds.maxUsers()
                    + " users fill");
          }
          page = new Fetched(query, body, cursor == null, null);
          query = cursor == null ? null : pageQuery(path, cursor);
        } catch (TitanException | RuntimeException | Error e) {
          // Handed over whatever it is: a reader left waiting for a page would wait forever.
          page = new Fetched(query, null, true, e);
          query = null;
        }
        fetched.put(page);
        if (query == null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // The reader stopped: it no longer waits for pages.
    }
  }

  /** The next page the fetching thread hands over. */
  private static Fetched take(BlockingQueue<Fetched> fetched) throws TitanException {
    try {
      return fetched.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanFailure.Handling.UNREACHABLE, "interrupted", e);
    }
  }

  private String pageQuery(String path, String cursor) {
    return path
        + "?limit="
        + pageSize
        + (cursor == null ? "" : "&cursor=" + TitanTransport.encode(cursor));
  }

  /** A page's {@code next_cursor}, read without reading its items. */
  private static String readCursor(byte[] body, String path) throws IOException {
    try (JsonParser p = TitanJson.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, path + ": answer is not a JSON object");
      }
      String next = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("next_cursor".equals(name)) {
          next = TitanJson.text(p, value, "next_cursor");
        } else {
          p.skipChildren();
        }
      }
      return next == null || next.isEmpty() ? null : next;
    }
  }

  /** A whole page: its items, each read by {@code item}, and its next cursor. */
  <T> Page<T> readPage(byte[] body, ItemReader<T> item, String path) throws IOException {
    try (JsonParser p = TitanJson.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, path + ": answer is not a JSON object");
      }
      List<T> items = null;
      String next = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(name)) {
          if (value != JsonToken.START_ARRAY) {
            throw new UnexpectedField("data", "a list", value);
          }
          items = new ArrayList<>(pageSize);
          JsonToken entry;
          while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
            if (entry != JsonToken.START_OBJECT) {
              throw new UnexpectedField("data[" + items.size() + "]", "an object", entry);
            }
            items.add(item.read(p));
          }
        } else if ("next_cursor".equals(name)) {
          next = TitanJson.text(p, value, "next_cursor");
        } else {
          p.skipChildren();
        }
      }
      if (items == null) {
        throw new JsonParseException(p, path + ": answer has no data list");
      }
      return new Page<>(items, next == null || next.isEmpty() ? null : next);
    }
  }
}
