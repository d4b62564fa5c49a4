package org.titansync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Confusables;

/** ICU's answers about look-alike text, and the ASCII shortcut that must give ICU's own. */
class IcuConfusablesTest {
  private final Confusables icu = IcuConfusables.get();

  @Property(tries = 2000)
  void theAsciiShortcutGivesIcusOwnSkeleton(
      @ForAll @CharRange(from = 0, to = 127) @StringLength(max = 40) String text) {
    assertEquals(IcuConfusables.icuSkeleton(text), icu.skeleton(text));
  }

  @Property(tries = 500)
  void anyOtherTextIsSkeletonisedByIcu(@ForAll @StringLength(max = 20) String text) {
    assertEquals(IcuConfusables.icuSkeleton(text), icu.skeleton(text));
  }

  @Test
  void aCyrillicLetterAndItsLatinLookAlikeHaveOneSkeleton() {
    assertEquals(
        icu.skeleton("tom.riley@district.org"), icu.skeleton("t\u043em.riley@district.org"));
    assertEquals(icu.skeleton("steven clark"), icu.skeleton("st\u0435ven clark"));
    assertEquals(icu.skeleton("modern"), icu.skeleton("rnodern"), "rn looks like m");
    assertNotEquals(icu.skeleton("tom.riley"), icu.skeleton("tim.riley"));
  }

  @Test
  void latinWithCyrillicMixesScriptsOneScriptDoesNot() {
    assertTrue(icu.mixesScripts("t\u043em.riley"));
    assertTrue(icu.mixesScripts("ab1\u0661"), "digits of two number systems");
    assertFalse(icu.mixesScripts("tom.riley"));
    assertFalse(icu.mixesScripts("jos\u00e9.n\u00fa\u00f1ez"));
    assertFalse(icu.mixesScripts("\u0438\u0432\u0430\u043d"), "Cyrillic alone");
    assertFalse(icu.mixesScripts("\u7530\u4e2dtanaka"), "Latin with Han, as Japanese writes it");
  }
}
