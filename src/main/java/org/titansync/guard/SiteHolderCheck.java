package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * guardrails.site_last_holder_roles: a site left with no holder of a privileged role it had. For
 * the roles the setting names, the run is held; for every other privileged role, the plan, the
 * report and the mail say so, naming the site, the role and the person.
 */
final class SiteHolderCheck {
  private SiteHolderCheck() {}

  /**
   * @param reasons where the hold goes
   * @param notes where the warnings go
   */
  static void check(Limits limits, HarmFacts facts, List<Reason> reasons, List<String> notes) {
    List<SiteLastHolder> held = new ArrayList<>();
    for (SiteLastHolder left : facts.sitesLeft()) {
      if (limits.holdsSiteLastHolder(left.role())) {
        held.add(left);
      } else {
        notes.add(
            "Warning: "
                + left.sentence()
                + " (guardrails.site_last_holder_roles can hold such a run.)");
      }
    }
    if (held.isEmpty()) {
      return;
    }
    List<String> sentences = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    for (SiteLastHolder left : held) {
      sentences.add(left.sentence());
      if (!roles.contains(left.role())) {
        roles.add(left.role());
      }
    }
    reasons.add(
        new Reason(
            Check.SITE_LAST_HOLDER,
            "After the plan a site has nobody in a role guardrails.site_last_holder_roles names: "
                + String.join(" ", sentences),
            Words.people(held.size(), "site") + " left without " + Words.quoted(roles),
            "every site keeps a holder of " + Words.quoted(roles),
            "check that the export names who holds "
                + (roles.size() == 1 ? "that role" : "those roles")
                + " at "
                + (held.size() == 1 ? "that site" : "those sites")
                + " now (a new principal missing from the export, say) before approving"));
  }
}
