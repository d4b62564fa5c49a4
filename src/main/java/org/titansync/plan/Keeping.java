package org.titansync.plan;

import java.util.List;

/**
 * What a plan leaves alone because of whom it belongs to or how long someone has been gone, and
 * what it changes in the memory of its Titan: the part of a plan that is not a write.
 *
 * @param keptByHand made by hand and kept (membership_scope = "owned"), by person and site
 * @param withinGrace people missing from the file who hold something and keep it for now
 * @param graceOver people missing whose grace period is over: their removal is planned
 * @param missingAfter everyone missing after this run, as the next run counts on (those this run
 *     could not judge, a bad row naming them, with their count unchanged); empty without a grace
 *     period
 * @param owned how the run changes what titan-sync owns
 */
public record Keeping(
    List<KeptByHand> keptByHand,
    List<Missing> withinGrace,
    List<Missing> graceOver,
    List<Missing> missingAfter,
    OwnershipDelta owned) {

  public static final Keeping NONE =
      new Keeping(List.of(), List.of(), List.of(), List.of(), OwnershipDelta.NONE);

  public Keeping {
    keptByHand = List.copyOf(keptByHand);
    withinGrace = List.copyOf(withinGrace);
    graceOver = List.copyOf(graceOver);
    missingAfter = List.copyOf(missingAfter);
  }

  /**
   * The people missing from the file, one line each: within the grace period ("keeps everything for
   * now") or past it ("removed in this run"), named: "Maria Gonzalez (E1001, maria@x.org): missing
   * since ...".
   *
   * @param nameOf external_id -> "First Last", empty when unknown
   */
  public List<String> missingWords(java.util.function.Function<String, String> nameOf) {
    List<String> out = new java.util.ArrayList<>(withinGrace.size() + graceOver.size());
    for (Missing m : withinGrace) {
      out.add(
          PeopleNames.shown(nameOf.apply(m.externalId()), m.externalId(), m.email())
              + ": "
              + m.sinceWords()
              + ", "
              + runs(m)
              + "; keeps everything for now");
    }
    for (Missing m : graceOver) {
      out.add(
          PeopleNames.shown(nameOf.apply(m.externalId()), m.externalId(), m.email())
              + ": "
              + m.sinceWords()
              + ", "
              + runs(m)
              + "; the grace period is over: removed in this run");
    }
    return out;
  }

  private static String runs(Missing m) {
    return m.runs() == 1 ? "1 run" : m.runs() + " runs in a row";
  }

  /** Roles kept because they were made by hand, one per person, site and role. */
  public int rolesKeptByHand() {
    int n = 0;
    for (KeptByHand k : keptByHand) {
      n += k.roleNames().size();
    }
    return n;
  }
}
