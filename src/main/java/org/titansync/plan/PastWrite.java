package org.titansync.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One audit line of a past run, typed for the {@link RevertPlanner}: a write the run was about to
 * send (its intent) or how a write ended (its outcome), with what the write changes. The shell
 * builds these from the audit log; the core never reads a file.
 *
 * @param key the change's key in the run's plan, the same on a write's intent and its outcome
 * @param answer what the line says of the write
 * @param externalId the person's external_id
 * @param userId Titan's id of the person; null for a create logged before Titan answered
 * @param effect what the write changes, with the values before and after
 */
public record PastWrite(
    String key, Answer answer, String externalId, String userId, Effect effect) {

  /** What an audit line says of its write. */
  public enum Answer {
    /** An intent: the write was about to be sent; whether it was made, only its outcome says. */
    SENT,
    /** An outcome: Titan made the write. */
    DONE,
    /** An outcome: the write failed or was skipped, so Titan was not changed. */
    NOT_DONE
  }

  /** What a write changes. */
  public sealed interface Effect permits Created, RolesSet, MembershipRemoved, ProfileSet {}

  /**
   * A user created with its memberships.
   *
   * @param memberships site id -> role ids
   */
  public record Created(Map<String, Set<String>> memberships) implements Effect {
    public Created {
      memberships = Map.copyOf(memberships);
    }
  }

  /**
   * The exact role set at one site.
   *
   * @param before the roles held before; empty when the write made the membership
   */
  public record RolesSet(String siteId, Set<String> before, Set<String> after) implements Effect {
    public RolesSet {
      before = Set.copyOf(before);
      after = Set.copyOf(after);
    }
  }

  /**
   * A membership taken away.
   *
   * @param before the roles held there
   */
  public record MembershipRemoved(String siteId, Set<String> before) implements Effect {
    public MembershipRemoved {
      before = Set.copyOf(before);
    }
  }

  /**
   * Profile fields set (a link, an update, a release of an email or a deactivation).
   *
   * @param fields the fields that changed, in {@link ProfileField} order
   */
  public record ProfileSet(List<FieldChange> fields) implements Effect {
    public ProfileSet {
      fields = List.copyOf(fields);
    }
  }

  /**
   * One profile field's values around a write; null where it had none.
   *
   * @param before e.g. {@code "ann@x.org"}; for the status, "active" or "inactive"
   */
  public record FieldChange(ProfileField field, String before, String after) {}

  /** The profile fields a write may change, as the audit log names them. */
  public enum ProfileField {
    EXTERNAL_ID("external_id"),
    FIRST_NAME("first_name"),
    LAST_NAME("last_name"),
    EMAIL("email"),
    STATUS("status");

    private final String id;

    ProfileField(String id) {
      this.id = id;
    }

    /** The name in the audit log and the reports. */
    public String id() {
      return id;
    }
  }
}
