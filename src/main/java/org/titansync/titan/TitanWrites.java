package org.titansync.titan;

import java.io.IOException;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.UpdateUser;

/**
 * The writes of the contract: a planned change rendered as its request (POST a user, PATCH a
 * profile, PUT a site's roles, DELETE a membership), and one attempt at sending it, its answer read
 * as an outcome. One attempt, one request: the apply route keeps the retrying.
 */
final class TitanWrites {
  private final TitanTransport transport;
  private final TitanErrors errors;

  TitanWrites(TitanTransport transport, TitanErrors errors) {
    this.transport = transport;
    this.errors = errors;
  }

  /**
   * Renders a planned change as an HTTP write.
   *
   * @param userId the Titan user id to write to; ignored for a create
   */
  static WriteRequest render(Change change, String userId) {
    if (change instanceof CreateUser c) {
      return new WriteRequest("POST", "/users", TitanJson.createBody(c), true);
    }
    if (change instanceof UpdateUser u) {
      return new WriteRequest(
          "PATCH",
          "/users/" + TitanTransport.encode(userId),
          TitanJson.patchBody(u.before(), u.after()),
          true);
    }
    if (change instanceof SetRoles s) {
      return new WriteRequest(
          "PUT", membershipPath(userId, s.siteId()), TitanJson.rolesBody(s.after()), false);
    }
    RemoveMembership r = (RemoveMembership) change;
    return new WriteRequest("DELETE", membershipPath(userId, r.siteId()), null, false);
  }

  private static String membershipPath(String userId, String siteId) {
    return "/users/"
        + TitanTransport.encode(userId)
        + "/memberships/"
        + TitanTransport.encode(siteId);
  }

  /** As {@link TitanClient#send}. */
  TitanClient.WriteOutcome send(WriteRequest request, String idempotencyKey) throws TitanException {
    String what = request.method() + " " + request.path();
    TitanTransport.Answer answer;
    try {
      answer =
          transport.exchange(
              request.method(),
              request.path(),
              request.body(),
              request.idempotent() ? idempotencyKey : null);
    } catch (TitanException e) {
      if (e.handling() == TitanFailure.Handling.AUTH) {
        throw e;
      }
      throw new TitanException(
          TitanFailure.Handling.TRANSIENT, 0, TitanClient.LOST_ANSWER, e.getMessage(), -1);
    }
    if (answer.status() / 100 == 2) {
      String created = null;
      if ("POST".equals(request.method())) {
        try {
          created = TitanJson.oneUser(answer.body()).id();
        } catch (IOException e) {
          TitanException bad = errors.badAnswer(what, answer.status(), e);
          throw new TitanException(
              TitanFailure.Handling.TRANSIENT, 0, TitanClient.LOST_ANSWER, bad.getMessage(), -1);
        }
      }
      return new TitanClient.WriteOutcome(true, answer.status(), created, null, null);
    }
    TitanException e =
        errors.error(answer.status(), answer.text(), answer.header("Retry-After"), what);
    if ("DELETE".equals(request.method())
        && answer.status() == 404
        && "not_a_member".equals(e.code())) {
      return new TitanClient.WriteOutcome(
          true, answer.status(), null, e.code(), "already not a member");
    }
    if (e.handling() == TitanFailure.Handling.TRANSIENT
        || e.handling() == TitanFailure.Handling.AUTH) {
      throw e;
    }
    return new TitanClient.WriteOutcome(false, answer.status(), null, e.code(), e.getMessage());
  }
}
