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
  private final boolean overrides;

  ConfigEnvironment(Map<String, String> variables) {
    this(variables, true);
  }

  /**
   * @param overrides whether the TITAN_* variables win over the file: not for a district's config,
   *     where one variable of the process would give every district the same Titan or key
   */
  ConfigEnvironment(Map<String, String> variables, boolean overrides) {
    this.variables = Objects.requireNonNull(variables, "variables");
    this.overrides = overrides;
  }

  /** The override's value, stripped; empty when it is unset or blank, or overrides are off. */
  Optional<String> value(String name) {
    return overrides ? variable(name) : Optional.empty();
  }

  /** A variable the config names itself ({@code titan.api_key_env}), stripped; empty if blank. */
  Optional<String> variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
