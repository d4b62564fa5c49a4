package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a correct quoting writer produces (delimiters, quotes, line breaks, accents, combining
 * marks, any line ending), the reader gives back the same values and the physical start lines.
 * Names and roles hold no control characters (those make a bad row); a site name may span lines.
 */
class RosterReaderPropertyTest {

  /** One generated person; names start and end with a letter so trimming leaves them alone. */
  record Generated(String first, String last, String local, String site, List<String> roles) {}

  @Provide
  Arbitrary<List<Generated>> people() {
    Arbitrary<String> tricky =
        Arbitraries.strings()
            .withChars("aZé ñ,;\"Ễ")
            .withChars('\u0301', '\u0303', '\u00a0')
            .ofMaxLength(12);
    Arbitrary<String> name = tricky.map(s -> "A" + s + "z");
    Arbitrary<String> local =
        Arbitraries.strings().withChars("abc.+_-9").ofMinLength(1).ofMaxLength(8);
    Arbitrary<List<String>> roles =
        Arbitraries.strings()
            .withChars("xY ,\"é")
            .ofMaxLength(6)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(
                list -> {
                  List<String> distinct = new ArrayList<>();
                  for (int i = 0; i < list.size(); i++) {
                    distinct.add("R" + i + list.get(i) + "q"); // the index keeps roles distinct
                  }
                  return distinct;
                });
    // A genuine multi-line value: one line break, no whole row after it.
    Arbitrary<String> site =
        Combinators.combine(name, Arbitraries.of("", "\n", "\r\n", "\r"))
            .as((text, lineBreak) -> lineBreak.isEmpty() ? text : text + lineBreak + "Annex");
    return Combinators.combine(name, name, local, site, roles)
        .as(Generated::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }

  @Property(tries = 300)
  void quotedValuesRoundTripWithTheirLineNumbers(
      @ForAll("people") List<Generated> people,
      @ForAll("delimiters") char delimiter,
      @ForAll("lineEnds") String lineEnd,
      @ForAll @IntRange(min = 1, max = 40) int chunk)
      throws Exception {
    StringBuilder file = new StringBuilder();
    writeRow(file, delimiter, lineEnd, RosterOptions.REQUIRED_COLUMNS);
    List<Integer> startLines = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Generated g = people.get(i);
      startLines.add(linesBefore(file) + 1);
      writeRow(
          file,
          delimiter,
          lineEnd,
          List.of(
              "ID-" + i,
              g.first(),
              g.last(),
              g.local() + i + "@example.org",
              g.site(),
              String.join(";", g.roles())));
    }
    RosterOptions d = RosterOptions.defaults();
    RosterOptions options =
        new RosterOptions(delimiter, d.roleSeparator(), d.encoding(), d.columnAliases());

    // The source hands over a few characters at a time, so fields cross the reader's buffer ends.
    Roster roster =
        new RosterReader(options)
            .read(new Chunked(new StringReader(file.toString()), chunk), "generated.csv");

    assertTrue(roster.errors().isEmpty(), () -> roster.errors().toString());
    assertEquals(people.size(), roster.dataRows());
    assertEquals(people.size(), roster.persons().size());
    for (int i = 0; i < people.size(); i++) {
      Generated g = people.get(i);
      Person p = roster.persons().get(i);
      assertEquals("ID-" + i, p.externalId());
      assertEquals(nfc(g.first()), p.firstName());
      assertEquals(nfc(g.last()), p.lastName());
      assertEquals(g.local() + i + "@example.org", p.email());
      assertEquals(List.of(startLines.get(i)), p.lines());
      SiteAssignment site = p.sites().get(0);
      assertEquals(nfc(g.site()), site.siteName());
      assertEquals(startLines.get(i), site.line());
      assertEquals(
          g.roles().stream().map(RosterReaderPropertyTest::nfc).toList(), site.roleNames());
    }
  }

  /** A reader that returns at most {@code chunk} characters per read, as a slow stream does. */
  private static final class Chunked extends FilterReader {
    private final int chunk;

    Chunked(Reader in, int chunk) {
      super(in);
      this.chunk = chunk;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      return super.read(buffer, offset, Math.min(length, chunk));
    }
  }

  @Provide
  Arbitrary<Character> delimiters() {
    return Arbitraries.of(',', ';', '\t');
  }

  @Provide
  Arbitrary<String> lineEnds() {
    return Arbitraries.of("\r\n", "\n", "\r");
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /**
   * Quotes a value when it holds a delimiter, quote, line break or edge space, as RFC 4180 asks.
   */
  private static void writeRow(
      StringBuilder out, char delimiter, String lineEnd, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      String v = values.get(i);
      boolean quote =
          v.indexOf(delimiter) >= 0
              || v.indexOf('"') >= 0
              || v.indexOf('\r') >= 0
              || v.indexOf('\n') >= 0;
      if (quote) {
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        out.append(v);
      }
    }
    out.append(lineEnd);
  }

  /**
   * Line breaks so far, counting CRLF once. A lone CR counts only in a file whose first line ends
   * with one (an old Mac export); elsewhere it is a character inside a value.
   */
  private static int linesBefore(CharSequence text) {
    int lines = 0;
    Boolean loneCrEnds = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean loneCr = c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
      if (c == '\n' || loneCr) {
        if (loneCrEnds == null) {
          loneCrEnds = loneCr;
        }
        if (c == '\n' || loneCrEnds) {
          lines++;
        }
      }
    }
    return lines;
  }
}
