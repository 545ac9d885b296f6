package com.example.credit.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's rules for credit-core, on its compiled classes: the shared library every stage uses knows no
 * framework and no stage, and its packages form no cycle.
 */
class CoreIndependenceTests {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.example.credit.core");
    }

    @Test
    void knowsNoFrameworkNoCloudAndNoNativeLibrary() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "org.apache.spark..",
                        "org.apache.hadoop..",
                        "io.github.metarank..",
                        "com.microsoft.ml..")
                .because("credit-core is the contract every stage shares (ARCHITECTURE.md)")
                .check(core);
    }

    @Test
    void knowsNoStage() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.example.credit.datagen..",
                        "com.example.credit.etl..",
                        "com.example.credit.training..",
                        "com.example.credit.explainer..",
                        "com.example.credit.batch..",
                        "com.example.credit.pipeline..")
                .because("stages depend on credit-core, never the other way (ARCHITECTURE.md)")
                .check(core);
    }

    @Test
    void hasNoCycleBetweenItsPackages() {
        slices().matching("com.example.credit.core.(*)..")
                .should()
                .beFreeOfCycles()
                .check(core);
    }
}
