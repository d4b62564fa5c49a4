package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The header check compares the format a file was read in, besides its columns: a changed
 * delimiter, quote, encoding or role separator holds; a last accepted file recorded without a
 * format (by an older titan-sync) holds nothing on format.
 */
class HeaderFormatTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final FileFormat USUAL = new FileFormat(",", "\"", "UTF-8", ";");

  private static Limits limits(boolean holdOnHeaderChange) {
    return SampleLimits.limits().holdOnHeaderChange(holdOnHeaderChange).build();
  }

  private static Verdict judge(List<String> headers, FileFormat now, FileFormat before) {
    return judge(headers, now, before, true);
  }

  private static Verdict judge(
      List<String> headers, FileFormat now, FileFormat before, boolean holdOnHeaderChange) {
    return new Guardrails(limits(holdOnHeaderChange))
        .evaluate(
            plan().build(),
            headers,
            now,
            Optional.of(new Baseline("20261101-060000-abcd", 100, HEADERS, before)),
            Window.none(24),
            List.of());
  }

  @Test
  void theSameFormatAndColumnsHoldNothingAndAnEncodingSpelledOtherwiseIsTheSame() {
    assertFalse(judge(HEADERS, USUAL, USUAL).held());
    assertFalse(judge(HEADERS, new FileFormat(",", "\"", "utf-8", ";"), USUAL).held());
  }

  @Test
  void anotherDelimiterIsAChangeNamedInTheSentenceTheFigureAndTheCause() {
    Verdict v = judge(HEADERS, new FileFormat(";", "\"", "UTF-8", ";"), USUAL);
    assertTrue(v.held());
    assertEquals(List.of(Check.HEADER_CHANGE), v.reasons().stream().map(Reason::check).toList());
    Reason r = v.reasons().get(0);
    assertTrue(
        r.sentence()
            .startsWith(
                "The file is read in another format than the last accepted file (run"
                    + " 20261101-060000-abcd): delimiter was \",\", now \";\""),
        r.sentence());
    assertEquals("1 of the format's settings changed", r.figure());
    assertEquals("guardrails.hold_on_header_change", r.setting());
    assertTrue(v.likelyCause().startsWith("The file is read in another format"), v.likelyCause());
  }

  @Test
  void eachPartOfTheFormatCounts() {
    assertTrue(
        judge(HEADERS, new FileFormat(",", "'", "UTF-8", ";"), USUAL)
            .sentences()
            .get(0)
            .contains("quote was \"\"\", now \"'\""));
    assertTrue(
        judge(HEADERS, new FileFormat(",", "\"", "ISO-8859-1", ";"), USUAL)
            .sentences()
            .get(0)
            .contains("encoding was \"UTF-8\", now \"ISO-8859-1\""));
    assertTrue(
        judge(HEADERS, new FileFormat("\t", "\"", "UTF-8", "|"), USUAL)
            .sentences()
            .get(0)
            .contains("delimiter was \",\", now tab; role separator was \";\", now \"|\""));
  }

  @Test
  void aColumnAndAFormatChangeAreListedTogether() {
    Limits aliases =
        SampleLimits.limits().columnAliases(Map.of("email", List.of("Work Email"))).build();
    List<String> work =
        List.of("external_id", "first_name", "last_name", "Work Email", "site_name", "role_names");
    Verdict v =
        new Guardrails(aliases)
            .evaluate(
                plan().build(),
                work,
                new FileFormat(";", "\"", "UTF-8", ";"),
                Optional.of(new Baseline("20261101-060000-abcd", 100, HEADERS, USUAL)),
                Window.none(24),
                List.of());
    Reason r = v.reasons().get(0);
    assertTrue(
        r.sentence()
            .contains(
                "email was read from \"email\", now from \"Work Email\"; delimiter was \",\","
                    + " now \";\""),
        r.sentence());
    assertEquals(
        "1 field read from another column, 1 of the format's settings changed", r.figure());
    assertTrue(v.likelyCause().startsWith("The export's columns changed"), v.likelyCause());
  }

  @Test
  void aLastAcceptedFileWithoutAFormatHoldsNothingOnFormat() {
    FileFormat semicolons = new FileFormat(";", "\"", "ISO-8859-1", ",");
    assertFalse(judge(HEADERS, semicolons, null).held(), "an upgrade must not hold");
    assertFalse(
        judge(HEADERS, semicolons, new FileFormat(null, null, null, null)).held(),
        "a part that was not recorded is unknown");
    assertFalse(judge(HEADERS, null, USUAL).held(), "nor a run that does not know its format");
  }

  @Test
  void holdOnHeaderChangeOffHoldsNoFormatChange() {
    assertFalse(judge(HEADERS, new FileFormat(";", "\"", "UTF-8", ";"), USUAL, false).held());
  }

  @Test
  void theFirstRunComparesNoFormat() {
    Verdict v =
        new Guardrails(limits(true))
            .evaluate(
                plan().build(),
                HEADERS,
                new FileFormat(";", "\"", "UTF-8", ";"),
                Optional.empty(),
                Window.none(24),
                List.of());
    assertFalse(v.held());
  }
}
