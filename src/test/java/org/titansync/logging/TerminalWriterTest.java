package org.titansync.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TerminalWriterTest {
  private static String through(java.util.function.Consumer<PrintWriter> print) {
    StringWriter to = new StringWriter();
    PrintWriter w = TerminalWriter.around(to);
    print.accept(w);
    w.flush();
    return to.toString();
  }

  @Test
  void escapeSequencesBellDelC1AndBidiControlsAreShownNotObeyed() {
    String text = "a\u001b]0;title\u0007b\u001b[2Jc\u007fd\u009b2Je\u202ef\u2066g\u200fh\ri";
    String shown =
        "a\\u001b]0;title\\u0007b\\u001b[2Jc\\u007fd\\u009b2Je\\u202ef\\u2066g\\u200fh\\ri";

    assertEquals(shown, through(w -> w.print(text)));
    assertEquals(shown, through(w -> w.write(text.toCharArray())));
    assertEquals(
        shown,
        through(
            w -> {
              for (int i = 0; i < text.length(); i++) {
                w.write(text.charAt(i));
              }
            }));
    assertEquals("x " + shown + " y", through(w -> w.printf("x %s y", text)));
  }

  @Test
  void lineBreaksTabsAndEveryOtherCharacterPass() {
    String text = "Row\terrors:\n  José Núñez, Zoë, 田中, Ärztin, ‘quotes’ – ok\r\n";

    assertEquals(text, through(w -> w.print(text)));
    assertEquals("line" + System.lineSeparator(), through(w -> w.println("line")));
  }

  @Test
  void aLoneCarriageReturnCannotOverwriteTheLine() {
    assertEquals("ok\\rFORGED\n", through(w -> w.print("ok\rFORGED\n")));
    assertEquals("ok\\r", through(w -> w.print("ok\r")));
  }

  @Property
  void jsonPrintedThroughItStaysValidAndMeansTheSame(@ForAll String value) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(Map.of("name", value));

    String shown = through(w -> w.print(text));

    assertEquals(value, json.readValue(shown, Map.class).get("name"));
  }
}
