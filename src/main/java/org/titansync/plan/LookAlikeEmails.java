package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.titansync.roster.RowError;

/**
 * Rule 2b, look-alike addresses: an email a person would get from this run (a new person's, or a
 * changed one) that looks like another user's email, in Titan or wanted by another person of the
 * file (equal skeletons, {@link Confusables}), or that mixes scripts, is a row error on the
 * person's first line, in the column {@code email}. Such a person is left as Titan has them: not
 * created, nothing of theirs changed, and, like anyone named on a bad row, never removed,
 * deactivated or demoted because of it. Whoever owns the look-alike address would receive the
 * account's mail and password resets.
 *
 * <p>Only the addresses a run would set are judged, so an address Titan already holds never stops
 * its person. A change to a look-alike of the person's own address is refused too: the report would
 * show it as no change at all. Skeletons are computed only when some address is new: once per new
 * address, and once per Titan user, whose skeleton is looked up among the new ones.
 */
final class LookAlikeEmails {
  private final Confusables confusables;
  private final List<RowError> errors = new ArrayList<>();

  /** Ids of the Titan users a refused address looks like: the file may mean them. */
  private final Set<String> lookedLike = new HashSet<>();

  LookAlikeEmails(Confusables confusables) {
    this.confusables = confusables;
  }

  /** The errors found, in the order found. */
  List<RowError> errors() {
    return errors;
  }

  /**
   * Ids of the Titan users whose address a refused one looks like. Like a user whose address a file
   * person has under another external_id, they are left alone should they be gone from the file:
   * the row that looks like them is not read cleanly, and may mean them.
   */
  Set<String> lookedLike() {
    return lookedLike;
  }

  /**
   * Judges the addresses the matched intents would set, and leaves out (skip, tainted) each person
   * whose address looks like another's or mixes scripts. A person not created for want of a known
   * site is judged too, for the Titan user their address looks like (it has a row error already).
   *
   * @param intents every file person's intent, matched, in plan order
   * @param users Titan's users
   */
  void check(List<PersonIntent> intents, List<TitanUser> users) {
    List<PersonIntent> newcomers = new ArrayList<>();
    for (PersonIntent intent : intents) {
      if ((!intent.skip || intent.unplaced) && (intent.user == null || newAddress(intent))) {
        newcomers.add(intent);
      }
    }
    if (newcomers.isEmpty()) {
      return; // the common run: no address is new, and no skeleton is computed
    }
    Map<String, List<PersonIntent>> bySkeleton = new HashMap<>();
    for (PersonIntent intent : newcomers) {
      bySkeleton
          .computeIfAbsent(confusables.skeleton(intent.emailKey), k -> new ArrayList<>(1))
          .add(intent);
    }
    for (List<PersonIntent> alike : bySkeleton.values()) {
      for (PersonIntent intent : alike) {
        for (PersonIntent other : alike) {
          if (other != intent && !other.emailKey.equals(intent.emailKey)) {
            refuse(
                intent,
                "looks like \""
                    + VisibleText.of(other.person.email())
                    + "\", the email of external_id "
                    + other.person.externalId()
                    + " on line "
                    + other.firstLine);
            break;
          }
        }
      }
    }
    for (TitanUser user : users) {
      String key = lower(user.email());
      List<PersonIntent> alike = bySkeleton.get(confusables.skeleton(key));
      if (alike == null) {
        continue;
      }
      for (PersonIntent intent : alike) {
        if (key.equals(intent.emailKey)) {
          continue; // the same address: matching and email moves settle who has it
        }
        if (intent.user != null && intent.user.id().equals(user.id())) {
          // A change that would read as no change at all in the report.
          refuse(
              intent,
              "looks like \""
                  + VisibleText.of(user.email())
                  + "\", the person's own email in Titan");
        } else {
          lookedLike.add(user.id());
          refuse(intent, "looks like \"" + VisibleText.of(user.email()) + "\", " + owner(user));
        }
      }
    }
    // Last, so that an address that also looks like another's says whose.
    for (PersonIntent intent : newcomers) {
      if (mixesScripts(intent.emailKey)) {
        refuse(intent, "mixes scripts");
      }
    }
  }

  /**
   * The person's address differs from their user's, ignoring case (the common case costs one
   * equals).
   */
  private static boolean newAddress(PersonIntent intent) {
    String held = intent.user.email();
    return !held.equals(intent.person.email()) && !intent.emailKey.equals(lower(held));
  }

  /**
   * True when the local part or a label of the domain mixes scripts: each is judged alone, as an
   * internationalised address writes each in one script ({@code ivan@школа.example} does not mix).
   */
  private boolean mixesScripts(String email) {
    int at = email.lastIndexOf('@');
    if (confusables.mixesScripts(at < 0 ? email : email.substring(0, at))) {
      return true;
    }
    if (at >= 0) {
      for (String label : email.substring(at + 1).split("\\.", -1)) {
        if (confusables.mixesScripts(label)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String owner(TitanUser user) {
    return "the email of Titan user "
        + user.id()
        + (user.externalId() == null
            ? " (made by hand, no external_id)"
            : " (external_id " + user.externalId() + ")");
  }

  /** A row error for the person, who is left out; once, and not for one left out already. */
  private void refuse(PersonIntent intent, String why) {
    if (intent.skip) {
      return;
    }
    intent.skip = true;
    intent.tainted = true;
    errors.add(
        new RowError(
                intent.firstLine,
                "email",
                intent.person.externalId(),
                "email \""
                    + VisibleText.of(intent.person.email())
                    + "\" "
                    + why
                    + (intent.user == null
                        ? "; not created"
                        : "; the person is left as Titan has them (nothing of theirs changes)"))
            .naming(
                intent.person.firstName(),
                intent.person.lastName(),
                VisibleText.of(intent.person.email())));
  }
}
