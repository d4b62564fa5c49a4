package org.titansync.guard;

import static org.titansync.guard.Words.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.titansync.plan.VisibleText;

/**
 * hold_on_privileged_email_change (an account that holds a privileged role gets another email,
 * whatever the domain) and hold_on_look_alike_privileged_name (a person gains a privileged role
 * under a name that looks like the name of someone who holds one, and is not the same). Each holds
 * on one change, however few: whoever owns an account's address receives its password resets, and a
 * second "superintendent" on screen is believed. They judge plans made from a file; an undo sets
 * back what the run it undoes changed, and is not held by them.
 */
final class AccountChecks {
  /** Changes a sentence names one by one before "and N more". */
  private static final int LISTED = 10;

  private AccountChecks() {}

  static void check(Limits limits, PrivilegedAccounts accounts, List<Reason> reasons) {
    if (limits.holdOnPrivilegedEmailChange() && !accounts.emailChanges().isEmpty()) {
      reasons.add(emailChanges(accounts.emailChanges()));
    }
  }

  static void checkNames(Limits limits, PrivilegedAccounts accounts, List<Reason> reasons) {
    if (limits.holdOnLookAlikePrivilegedName() && !accounts.lookAlikes().isEmpty()) {
      reasons.add(lookAlikes(accounts.lookAlikes()));
    }
  }

  private static Reason emailChanges(List<PrivilegedAccounts.EmailChange> changes) {
    List<String> each = new ArrayList<>();
    for (PrivilegedAccounts.EmailChange e : changes.subList(0, Math.min(LISTED, changes.size()))) {
      each.add(
          e.holder().describe(false)
              + ", "
              + String.join(", ", e.holder().roles())
              + ", from "
              + VisibleText.of(e.from())
              + " to "
              + VisibleText.of(e.to()));
    }
    int n = changes.size();
    return new Reason(
        Check.PRIVILEGED_EMAIL_CHANGE,
        "The plan changes the email of "
            + people(n, "account")
            + " that "
            + (n == 1 ? "holds" : "hold")
            + " a privileged role: "
            + String.join("; ", each)
            + more(n)
            + ". Whoever owns the new address receives the account's password resets ("
            + Check.PRIVILEGED_EMAIL_CHANGE.key()
            + " = true).",
        people(n, "privileged account") + " changing email",
        "no email change of a privileged account without approval",
        "an email change hands the account's password resets to the new address: confirm it with"
            + " the person, on a number you already have, before approving");
  }

  private static Reason lookAlikes(List<PrivilegedAccounts.LookAlike> found) {
    List<String> each = new ArrayList<>();
    for (PrivilegedAccounts.LookAlike l : found.subList(0, Math.min(LISTED, found.size()))) {
      each.add(
          l.externalId()
              + " \""
              + VisibleText.of(l.name())
              + "\" <"
              + VisibleText.of(l.email())
              + "> gains "
              + String.join(", ", l.gains())
              + ", and the name looks like that of "
              + l.holder().describe(true)
              + ", who holds "
              + String.join(", ", l.holder().roles()));
    }
    int n = found.size();
    return new Reason(
        Check.LOOK_ALIKE_PRIVILEGED_NAME,
        String.join("; ", each)
            + more(n)
            + " ("
            + Check.LOOK_ALIKE_PRIVILEGED_NAME.key()
            + " = true).",
        people(n, "person") + " gaining a privileged role with a holder's name",
        "no privileged role for a look-alike of a holder without approval",
        "a name that reads like a school leader's is taken for theirs in an alarm or a message:"
            + " check that this is another person, and why they get the role, before approving");
  }

  private static String more(int n) {
    return n > LISTED ? String.format(Locale.ROOT, "; and %d more", n - LISTED) : "";
  }
}
