package org.titansync.plan;

/**
 * What the planner and the guardrails ask about text that looks like other text (Unicode Technical
 * Standard #39, "Unicode Security Mechanisms"), without the core depending on a Unicode library:
 * the shell answers with ICU's {@code SpoofChecker} ({@code run.IcuConfusables}) and hands it to
 * the planner and the guardrails. Implementations are pure and thread-safe.
 */
public interface Confusables {

  /**
   * The skeleton of a text: two texts that look alike (a Latin {@code o} and a Cyrillic {@code о},
   * {@code rn} and {@code m}) have equal skeletons. Compare the skeletons of texts in one case.
   */
  String skeleton(String text);

  /**
   * True when the text mixes scripts as no single identifier should, such as Latin with Cyrillic or
   * Greek (UTS #39's "highly restrictive" level: Latin may go with Han and the Japanese or Korean
   * scripts only), or digits of several number systems.
   */
  boolean mixesScripts(String text);

  /**
   * Every text its own skeleton, none mixing scripts: for tests of rules that do not concern look-
   * alikes. Never used in production, where look-alike addresses must be caught.
   */
  Confusables NONE =
      new Confusables() {
        @Override
        public String skeleton(String text) {
          return text;
        }

        @Override
        public boolean mixesScripts(String text) {
          return false;
        }
      };
}
