package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void printsStarsButRevealsTheValue() {
    Secret secret = Secret.of("s3cr3t-value");
    assertEquals("***", secret.toString());
    assertEquals("s3cr3t-value", secret.reveal());
    assertFalse(secret.isEmpty());
    assertFalse(String.valueOf(secret).contains("s3cr3t"));
  }

  @Test
  void unsetPrintsNotSet() {
    assertEquals("(not set)", Secret.none().toString());
    assertTrue(Secret.of("").isEmpty());
    assertSame(Secret.none(), Secret.of(null));
    assertEquals("", Secret.none().reveal());
  }

  @Test
  void equalByValueWhileTheHashSaysOnlyWhetherItIsSet() {
    assertEquals(Secret.of("abc"), Secret.of("abc"));
    assertNotEquals(Secret.of("abc"), Secret.of("abd"));
    assertEquals(Secret.of("abc").hashCode(), Secret.of("a completely different key").hashCode());
    assertNotEquals(Secret.of("abc").hashCode(), Secret.none().hashCode());
  }
}
