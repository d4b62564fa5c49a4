package org.titansync.titan;

/**
 * One HTTP write to Titan, ready to send.
 *
 * @param path relative to the base URL, e.g. {@code /users/u_1/memberships/s_2}
 * @param body JSON, or null for DELETE
 * @param idempotent true when the API honours Idempotency-Key for it (POST, PATCH)
 */
public record WriteRequest(String method, String path, String body, boolean idempotent) {}
