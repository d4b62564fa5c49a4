package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run folder's input.csv of a package reads back into the very roster the run planned from:
 * what {@code approve} and {@code explain} rely on.
 */
class NormalizedCopyTest {

  static Roster roundTrip(Roster roster) throws Exception {
    StringBuilder copy = new StringBuilder();
    NormalizedCopy.write(roster.rows(), copy);
    return NormalizedCopy.read(
        new StringReader(copy.toString()), "input.csv", roster.format(), roster.notes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"oneroster-1.1", "oneroster-1.2", "sds-2.1"})
  void eachFixtureReadsBackIntoTheSameRoster(String fixture) throws Exception {
    Roster read = Packages.read(fixture);
    assertEquals(read, roundTrip(read));
  }

  @Test
  void theCopyIsTheSixColumnsWithWhereEachRowCameFromAndWhyARowWasRefused() throws Exception {
    StringBuilder copy = new StringBuilder();
    NormalizedCopy.write(Packages.read("oneroster-1.2").rows(), copy);
    String text = copy.toString();

    assertTrue(
        text.startsWith(
            "external_id,first_name,last_name,email,site_name,role_names,from,problem\n"
                + "t-100,Ann,Lee,ann.lee@mvusd.org,Lincoln Elementary,teacher,"
                + "oneroster-1.2/roles.csv:2,\n"),
        text);
    assertTrue(
        text.contains(
            "t-105,,,rosa.vega@mvusd.org,,,oneroster-1.2/roles.csv:12,\"[role] role"
                + " \"\"ext:coach\"\" is neither"),
        text);
    assertTrue(!text.contains("s-200") && !text.contains("g-300"), "no student, no guardian");
  }

  @Test
  void aCopyThatIsNotAsTitanSyncWroteItIsRefused() {
    RosterException header =
        assertThrows(
            RosterException.class,
            () ->
                NormalizedCopy.read(
                    new StringReader(ExportText.export("E1,A,B,a@b.org,S,R")),
                    "input.csv",
                    ExportFormat.csv(),
                    java.util.List.of()));
    assertTrue(header.getMessage().contains("its header is not titan-sync's"), header.getMessage());

    RosterException width =
        assertThrows(
            RosterException.class,
            () ->
                NormalizedCopy.read(
                    new StringReader(
                        String.join(",", NormalizedCopy.HEADER) + "\nE1,A,B,a@b.org,S\n"),
                    "input.csv",
                    ExportFormat.csv(),
                    java.util.List.of()));
    assertTrue(width.getMessage().startsWith("input.csv:2:"), width.getMessage());
  }

  @Test
  void aRowEditedByHandIsCheckedAgainAndRefusedWhenBad() throws Exception {
    Roster r =
        NormalizedCopy.read(
            new StringReader(
                String.join(",", NormalizedCopy.HEADER)
                    + "\nE1,Ann,Lee,ann@,Lincoln,teacher,x.zip!roles.csv:4,\n"),
            "input.csv",
            ExportFormat.csv(),
            java.util.List.of());
    assertEquals(0, r.persons().size());
    assertEquals("x.zip!roles.csv:4", r.errors().get(0).position());
    assertTrue(r.taintedExternalIds().contains("E1"));
  }
}
