package org.titansync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pure core stays free of Camel, HTTP and JSON; the sandbox shares no code with the client. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.titansync");

  @Test
  void coreImportsOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.titansync.roster..", "org.titansync.plan..", "org.titansync.guard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache..",
            "com.fasterxml..",
            "java.net.http..",
            "org.titansync.titan..",
            "org.titansync.camel..",
            "org.titansync.cli..",
            "org.titansync.run..",
            "org.titansync.report..",
            "org.titansync.config..",
            "org.titansync.sandbox..")
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
            "org.titansync.run..",
            "org.titansync.camel..",
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
        .resideOutsideOfPackages("org.titansync.sandbox..", "org.titansync.cli..")
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
            "org.titansync.run..",
            "org.titansync.report..",
            "org.titansync.titan..",
            "org.titansync.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.camel..")
        .check(MAIN);
  }
}
