package org.titansync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The map of docs/architecture.md, enforced: what each package may import (allow-lists: the core
 * imports the JDK only), the layers, the sandbox apart from the client.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.titansync");

  /** The JDK; "" is the package of primitive types and their arrays. */
  private static final List<String> JDK = List.of("java..", "");

  /**
   * What each package may import besides the JDK: the "may import" column of docs/architecture.md
   * ("Pure core, Camel shell"), as allow-lists, so that a new library or a new arrow between
   * packages fails here until the docs and this table say it. app (bootstrap) and cli (commands)
   * may import everything but each other's upper layer (see the two rules below).
   */
  private static final Map<String, List<String>> MAY_IMPORT =
      Map.ofEntries(
          Map.entry("roster", List.of()),
          Map.entry("plan", List.of("roster")),
          Map.entry("guard", List.of("roster", "plan")),
          Map.entry("config", List.of("roster", "plan", "guard", "org.tomlj..")),
          Map.entry("run", List.of("config", "roster", "plan", "guard", "com.fasterxml.jackson..")),
          Map.entry("titan", List.of("config", "plan", "com.fasterxml.jackson..")),
          Map.entry(
              "store",
              List.of(
                  "config",
                  "roster",
                  "plan",
                  "guard",
                  "run",
                  "com.fasterxml.jackson..",
                  "org.slf4j..")),
          Map.entry(
              "report",
              List.of("roster", "plan", "guard", "run", "store", "com.github.mustachejava..")),
          Map.entry(
              "mail",
              List.of(
                  "config",
                  "plan",
                  "guard",
                  "run",
                  "store",
                  "report",
                  "jakarta.mail..",
                  "jakarta.activation..")),
          Map.entry(
              "pipeline",
              List.of(
                  "config",
                  "roster",
                  "plan",
                  "guard",
                  "run",
                  "store",
                  "report",
                  "logging",
                  "com.ibm.icu..",
                  "org.slf4j..")),
          Map.entry("apply", List.of("plan", "run", "store", "org.apache.camel..", "org.slf4j..")),
          Map.entry(
              "notify",
              List.of(
                  "config",
                  "mail",
                  "run",
                  "store",
                  "report",
                  "org.apache.camel..",
                  "jakarta.mail..",
                  "javax.net..",
                  "org.slf4j..")),
          Map.entry(
              "logging",
              List.of("config", "run", "org.apache.camel..", "ch.qos.logback..", "org.slf4j..")),
          Map.entry(
              "sftp",
              List.of(
                  "config", "run", "store", "com.jcraft.jsch..", "io.micrometer..", "org.slf4j..")),
          Map.entry(
              "daemon",
              List.of(
                  "config",
                  "plan",
                  "run",
                  "store",
                  "report",
                  "titan",
                  "notify",
                  "logging",
                  "sftp",
                  "org.apache.camel..",
                  "io.micrometer..",
                  "org.slf4j..")),
          Map.entry(
              "cluster",
              List.of("config", "org.apache.camel..", "org.apache.curator..", "org.slf4j..")),
          Map.entry(
              "sandbox",
              List.of("com.fasterxml.jackson..", "com.sun.net.httpserver..", "org.slf4j..")));

  @Test
  void eachPackageImportsOnlyWhatTheArchitectureAllows() {
    List<String> packages =
        MAIN.stream()
            .map(c -> c.getPackageName())
            .filter(n -> n.startsWith("org.titansync."))
            .map(n -> n.substring("org.titansync.".length()))
            .map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n)
            .distinct()
            .filter(n -> !n.equals("app") && !n.equals("cli"))
            .sorted()
            .toList();
    assertEquals(
        new TreeSet<>(MAY_IMPORT.keySet()),
        new TreeSet<>(packages),
        "every package has its line in the table (and in docs/architecture.md)");
    MAY_IMPORT.forEach(
        (pkg, allowed) -> {
          List<String> may = new ArrayList<>(JDK);
          may.add("org.titansync." + pkg + "..");
          for (String a : allowed) {
            may.add(a.contains(".") ? a : "org.titansync." + a + "..");
          }
          classes()
              .that()
              .resideInAPackage("org.titansync." + pkg + "..")
              .should()
              .onlyDependOnClassesThat()
              .resideInAnyPackage(may.toArray(String[]::new))
              .as(pkg + " imports only " + allowed + " and the JDK")
              .check(MAIN);
        });
  }

  @Test
  void onlyTheCommandLineUsesTheBootstrapAndNothingUsesTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.titansync.app..", "org.titansync.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.titansync.app..")
        .check(MAIN);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.titansync.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.titansync.cli..")
        .check(MAIN);
  }

  @Test
  void sandboxSharesNoCodeWithTheClient() {
    noClasses()
        .that()
        .resideInAPackage("org.titansync.sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.titansync.titan..",
            "org.titansync.plan..",
            "org.titansync.roster..",
            "org.titansync.store..",
            "org.titansync.pipeline..",
            "org.titansync.run..",
            "org.titansync.app..",
            "org.titansync.daemon..",
            "org.titansync.notify..",
            "org.titansync.logging..",
            "org.titansync.cli..",
            "org.titansync.mail..",
            "org.titansync.config..",
            "org.titansync.report..",
            "org.titansync.guard..",
            "org.titansync.apply..")
        .check(MAIN);
  }

  @Test
  void onlyTheCommandLineStartsTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "org.titansync.sandbox..", "org.titansync.cli..", "org.titansync.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.titansync.sandbox..")
        .check(MAIN);
  }

  @Test
  void businessBeansStayFreeOfCamel() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.titansync.store..",
            "org.titansync.pipeline..",
            "org.titansync.run..",
            "org.titansync.report..",
            "org.titansync.titan..",
            "org.titansync.mail..",
            "org.titansync.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.camel..")
        .check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.titansync.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theCoreDoesNoFileInput() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.titansync.roster..", "org.titansync.plan..", "org.titansync.guard..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileReader")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.RandomAccessFile")
        .check(MAIN);
  }

  @Test
  void commandLinePackageHoldsOnlyCommands() {
    classes()
        .that()
        .resideInAPackage("org.titansync.cli")
        .and()
        .areTopLevelClasses()
        .should()
        .haveSimpleNameEndingWith("Command")
        .orShould()
        .haveSimpleName("Main")
        .orShould()
        .haveSimpleName("ConfigOptions")
        .orShould()
        .haveSimpleName("VersionProvider")
        .orShould()
        .haveSimpleName("ExitCode")
        .check(MAIN);
  }
}
