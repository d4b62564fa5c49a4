package org.titansync.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment variables that win over config.toml (their names are {@code ConfigLoader.ENV_*};
 * docs/config.md lists them). A blank variable counts as unset, so an empty {@code export} in a
 * service file does not wipe a value set in the file. Not a record: the environment holds secrets,
 * and a record's toString would print them all.
 */
final class ConfigEnvironment {
  private final Map<String, String> variables;

  ConfigEnvironment(Map<String, String> variables) {
    this.variables = Objects.requireNonNull(variables, "variables");
  }

  /** The variable's value, stripped; empty when it is unset or blank. */
  Optional<String> value(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
