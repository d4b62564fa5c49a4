package org.titansync.pipeline;

import com.ibm.icu.text.SpoofChecker;
import org.titansync.plan.Confusables;

/**
 * Look-alike text as ICU's {@link SpoofChecker} judges it (UTS #39, with the confusables data of
 * the ICU release we build with), for the planner and the guardrails, which may not depend on ICU
 * themselves (docs/architecture.md, "Look-alike addresses").
 *
 * <p>ICU and its data load on the first question, not before: a run in which no address is new and
 * nobody gains a privileged role asks none. Skeletons of ASCII text, which is nearly every address
 * of a district, are put together from ICU's skeleton of each ASCII character, taken once: UTS #39
 * maps a text character by character after decomposition, and ASCII decomposes to itself, so the
 * result is ICU's own (a test checks it against ICU's on random text); a 100,000-user Titan is then
 * skeletonised in milliseconds. Thread-safe.
 */
public final class IcuConfusables implements Confusables {
  private static final IcuConfusables INSTANCE = new IcuConfusables();

  private IcuConfusables() {}

  /** The one instance; costs nothing until asked. */
  public static Confusables get() {
    return INSTANCE;
  }

  /** Built on first use: loads ICU's confusables and script data. */
  private static final class Icu {
    static final SpoofChecker CHECKER =
        new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    /** ICU's skeleton of each ASCII character; null where it is not ASCII itself. */
    static final String[] ASCII = asciiSkeletons();

    private static String[] asciiSkeletons() {
      String[] out = new String[128];
      for (char c = 0; c < 128; c++) {
        String skeleton = CHECKER.getSkeleton(String.valueOf(c));
        out[c] = isAscii(skeleton) ? skeleton : null;
      }
      return out;
    }
  }

  @Override
  public String skeleton(String text) {
    String[] ascii = Icu.ASCII;
    int i = 0;
    // Most characters are their own skeleton: copy nothing until one is not.
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128 || ascii[c] == null) {
        return Icu.CHECKER.getSkeleton(text);
      }
      if (ascii[c].length() != 1 || ascii[c].charAt(0) != c) {
        break;
      }
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      String piece = c < 128 ? ascii[c] : null;
      if (piece == null) {
        return Icu.CHECKER.getSkeleton(text);
      }
      out.append(piece);
    }
    return out.toString();
  }

  /** ASCII text never mixes scripts, and is answered without ICU. */
  @Override
  public boolean mixesScripts(String text) {
    return !isAscii(text) && Icu.CHECKER.failsChecks(text);
  }

  /** Skeletons the slow way, every text through ICU: what the ASCII shortcut must equal. */
  static String icuSkeleton(String text) {
    return Icu.CHECKER.getSkeleton(text);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
