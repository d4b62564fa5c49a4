package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.titansync.daemon.RawEntries.Kind;

/**
 * Random entry names dropped into a real inbox, with files and folders next to it and a logs folder
 * holding the guardrails' window; one daemon against the sandbox through every try. Names mix
 * backslashes, {@code ..}, control characters, line breaks, bytes that are not UTF-8, NFC and NFD
 * spellings and lengths up to the file system's limit, as files, folders and links to things
 * outside. After the daemon's polls, nothing outside the inbox changed (every byte, mode, time and
 * link target), every entry is in exactly one place with its content intact, and a valid export
 * dropped after them is applied.
 */
class InboxNamesPropertyTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NFC = Normalizer.normalize("Zoë-José", Normalizer.Form.NFC);
  private static final String NFD = Normalizer.normalize("Zoë-José", Normalizer.Form.NFD);

  /** Parts of plain names, NFC and NFD spellings among them. */
  private static final List<byte[]> PLAIN =
      List.of(
          utf8("staff"),
          utf8(".csv"),
          utf8("a"),
          utf8(".."),
          utf8("."),
          utf8("secret.env"),
          utf8("somefolder"),
          utf8(" "),
          utf8(NFC),
          utf8(NFD),
          utf8("export-2026-11-26"),
          utf8("_"),
          utf8("\u00c5"));

  /** Parts that make a name unusable: separators other layers see, controls, bytes not UTF-8. */
  private static final List<byte[]> BAD =
      List.of(
          utf8("\\"),
          utf8("a\\..\\..\\"),
          utf8("..\\..\\logs\\guard-window.json"),
          utf8("\n"),
          utf8("\r"),
          utf8("\t"),
          utf8("\u007f"),
          utf8("\u0085"),
          utf8("\u009b2J"),
          utf8("\u001b]0;title\u0007"),
          utf8("\u202e"),
          new byte[] {(byte) 0xff},
          new byte[] {(byte) 0xc3},
          new byte[] {(byte) 0xc0, (byte) 0xaf});

  private static final List<String> LINK_TARGETS =
      List.of("secret.env", "somefolder", "logs/guard-window.json", "logs", "outside");

  private static Path root;
  private static Path home;
  private static DaemonHarness daemon;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final AtomicInteger TRIES = new AtomicInteger();
  private static final List<String> NAMES = List.of("Marisol", "Mariana");

  /**
   * One entry to drop: its name's bytes (one char per byte, as ISO-8859-1 reads them), what it is,
   * and for a link which target.
   */
  record Entry(String bytes, Kind kind, int target) {
    Entry(byte[] name, Kind kind, int target) {
      this(new String(name, StandardCharsets.ISO_8859_1), kind, target);
    }

    byte[] name() {
      return bytes.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  @BeforeContainer
  static void startDaemon() throws Exception {
    root = Files.createTempDirectory("titan-inbox-names");
    home = root.resolve("d");
    daemon = DaemonHarness.start(home);
    daemon.writeConfig("[guardrails]\nmax_update_percent = 100.0\n");
    Files.writeString(home.resolve("secret.env"), "DB_PASSWORD=never-read-4Rt\n");
    Path folder = Files.createDirectories(home.resolve("somefolder/inner"));
    Files.writeString(folder.resolve("notes.txt"), "stays\n");
    Path outside = Files.createDirectories(home.resolve("outside"));
    Files.createSymbolicLink(outside.resolve("to-secret"), Path.of("../secret.env"));
    daemon.startDaemon();
    InboxNamesTest.dropChanged(daemon, "first.csv", "Maria");
    await(
        "the first export archived",
        WAIT,
        io(() -> Files.exists(home.resolve("logs/guard-window.json")) && inboxLeft()));
  }

  @AfterContainer
  static void stopDaemon() throws IOException {
    if (daemon != null) {
      daemon.close();
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 20)
  void nothingOutsideChangesAndEveryEntryEndsInOnePlace(@ForAll("entries") List<Entry> entries)
      throws Exception {
    Map<String, String> before = tree(home);
    Map<String, Boolean> expected = new TreeMap<>(); // key -> stays in the inbox (an ignored name)
    for (Entry e : entries) {
      String token = "tok-" + COUNTER.incrementAndGet();
      // "./" parts make each target unique (a path keeps them; repeated slashes it would drop).
      String target = "./".repeat(COUNTER.get()) + "../" + LINK_TARGETS.get(e.target());
      RawEntries.make(daemon.inbox(), e.name(), e.kind(), token, target);
      String key =
          switch (e.kind()) {
            case FILE -> "F:" + token;
            case FOLDER -> "D:" + token;
            case LINK -> "L:" + target;
          };
      String decoded = new String(e.name(), StandardCharsets.UTF_8);
      boolean ignored = InboxFilter.isIgnoredName(decoded);
      expected.put(key, ignored);
      String why = UnusableName.why(daemon.inbox().resolve(decoded));
      Statistics.label("entry")
          .collect(
              e.kind(),
              ignored
                  ? "ignored"
                  : !java.util.Arrays.equals(utf8(decoded), e.name())
                      ? "not UTF-8"
                      : why == null ? "usable" : why.substring(0, Math.min(24, why.length())));
    }
    await("every entry but the ignored ones out of the inbox", WAIT, io(() -> inboxLeft()));

    assertEquals(before, tree(home), "nothing outside the inbox changed");
    Map<String, List<String>> found = found();
    for (Map.Entry<String, Boolean> e : expected.entrySet()) {
      List<String> places = found.getOrDefault(e.getKey(), List.of());
      assertEquals(1, places.size(), e.getKey() + " in exactly one place: " + places);
      assertEquals(
          e.getValue(), places.get(0).equals("inbox"), e.getKey() + " is in " + places.get(0));
    }

    // Another first name than the last try's: the export changes Titan every time.
    String name = NAMES.get(TRIES.incrementAndGet() % 2);
    InboxNamesTest.dropChanged(daemon, "valid-" + COUNTER.get() + ".csv", name);
    await(
        "the valid export applied and archived",
        WAIT,
        io(() -> InboxNamesTest.firstName(daemon, "E1001").equals(name) && inboxLeft()));
  }

  @Provide
  Arbitrary<List<Entry>> entries() {
    Arbitrary<List<byte[]>> plain = Arbitraries.of(PLAIN).list().ofMinSize(0).ofMaxSize(2);
    Arbitrary<List<byte[]>> bad = Arbitraries.of(BAD).list().ofMinSize(1).ofMaxSize(2);
    Arbitrary<byte[]> names =
        Combinators.combine(
                plain,
                bad,
                plain,
                Arbitraries.integers().between(0, 250),
                Arbitraries.integers().between(0, 9))
            .as(
                (head, middle, tail, longTail, shape) -> {
                  ByteArrayOutputStream b = new ByteArrayOutputStream();
                  head.forEach(b::writeBytes);
                  if (shape != 1) { // now and then a plain name, beside the NFC and NFD pair
                    middle.forEach(b::writeBytes);
                  }
                  tail.forEach(b::writeBytes);
                  if (shape == 0) {
                    b.writeBytes(utf8("x".repeat(longTail)));
                  }
                  return b.toByteArray();
                });
    Arbitrary<Entry> entry =
        Combinators.combine(
                names,
                Arbitraries.of(Kind.FILE, Kind.FILE, Kind.FOLDER, Kind.LINK),
                Arbitraries.integers().between(0, LINK_TARGETS.size() - 1))
            .as(Entry::new);
    Arbitrary<List<Entry>> pair =
        Arbitraries.of(Kind.values())
            .map(
                kind ->
                    List.of(
                        new Entry(utf8(NFC + ".csv"), kind, 0),
                        new Entry(utf8(NFD + ".csv"), kind, 1)));
    return Combinators.combine(
            entry.list().ofMinSize(1).ofMaxSize(4), pair, Arbitraries.of(true, false))
        .as(
            (list, nfcNfd, withPair) -> {
              List<Entry> all = new ArrayList<>();
              for (Entry e : list) {
                all.add(e);
              }
              if (withPair) {
                all.addAll(nfcNfd);
              }
              return unique(all);
            });
  }

  /** The entries with a number made part of each name, so that no two (nor two tries) clash. */
  private static List<Entry> unique(List<Entry> entries) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      String n = "-" + COUNTER.incrementAndGet();
      byte[] name = e.name();
      int keep = Math.min(name.length, 255 - n.length());
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      // In front or behind: a hidden or temporary name stays one now and then.
      boolean front = (COUNTER.get() % 3) == 0;
      if (front) {
        b.writeBytes(utf8(n.substring(1)));
      }
      b.write(name, 0, keep);
      if (!front) {
        b.writeBytes(utf8(n));
      }
      out.add(new Entry(b.toByteArray(), e.kind(), e.target()));
    }
    return out;
  }

  /** True when the inbox holds only names the daemon never reads (hidden, temporary). */
  private static boolean inboxLeft() throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(daemon.inbox())) {
      for (Path p : s) {
        if (!InboxFilter.isIgnoredName(p.getFileName().toString())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Where each token or link target is: archive, quarantine, held, or inbox. */
  private static Map<String, List<String>> found() throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    List<Path> dated = new ArrayList<>();
    try (Stream<Path> s = Files.list(home.resolve("archive"))) {
      dated.addAll(s.toList());
    }
    for (Path day : dated) {
      collect(day, "archive", found);
    }
    for (String place : List.of("quarantine", "held", "inbox")) {
      if (Files.isDirectory(home.resolve(place))) {
        collect(home.resolve(place), place, found);
      }
    }
    return found;
  }

  private static void collect(Path folder, String place, Map<String, List<String>> found)
      throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
      for (Path p : s) {
        String key = null;
        if (Files.isSymbolicLink(p)) {
          key = "L:" + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Path marker = p.resolve("marker");
          if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            key = "D:" + Files.readString(marker);
          }
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) < 64) {
          String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
          if (text.startsWith("tok-")) {
            key = "F:" + text;
          }
        }
        if (key != null) {
          found.computeIfAbsent(key, k -> new ArrayList<>()).add(place);
        }
      }
    }
  }

  /**
   * Everything under {@code home} but the daemon's own folders (the inbox, logs, archive,
   * quarantine, held), plus the guardrails' window: each path with its type, mode, time and either
   * its content's hash or its link target. Walked without following links.
   */
  private static Map<String, String> tree(Path home) throws Exception {
    Map<String, String> tree = new TreeMap<>();
    List<String> own = List.of("inbox", "logs", "archive", "quarantine", "held");
    List<Path> paths = new ArrayList<>(List.of(home, home.resolve("logs/guard-window.json")));
    List<Path> top;
    try (Stream<Path> s = Files.list(home)) {
      top = s.filter(p -> !own.contains(p.getFileName().toString())).toList();
    }
    for (Path t : top) {
      try (Stream<Path> s = Files.walk(t)) {
        paths.addAll(s.toList());
      }
    }
    for (Path p : paths) {
      Path rel = home.relativize(p);
      PosixFileAttributes a =
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      StringBuilder d = new StringBuilder();
      d.append(a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : "file")
          .append(' ')
          .append(java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()))
          .append(' ')
          .append(a.lastModifiedTime().toMillis());
      if (a.isSymbolicLink()) {
        d.append(" -> ").append(Files.readSymbolicLink(p));
      } else if (a.isRegularFile()) {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        d.append(' ').append(HexFormat.of().formatHex(hash));
      }
      tree.put(rel.toString(), d.toString());
    }
    assertTrue(tree.containsKey("logs/guard-window.json"), "the window is there to compare");
    return tree;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
