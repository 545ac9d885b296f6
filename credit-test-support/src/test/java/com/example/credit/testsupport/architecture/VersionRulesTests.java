package com.example.credit.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every version of the build is in the parent pom (issue 13): its properties, dependencyManagement and
 * pluginManagement. A module pom names what it uses, never at which version, with the exceptions ARCHITECTURE.md
 * documents: the Spring Boot BOM imported by explainer-service and batch-service alone (it would pin Jackson 2 and more in
 * the Spark modules), after the parent's Jackson 3 BOM (so that Jackson 3 stays at the parent's version there),
 * batch-service's Spring Cloud AWS BOM with the AWS SDK BOM imported before it (so that the SDK stays at the parent's
 * version), and the Spark pins (Jackson 2.15, the dependency-convergence settlements) in the two modules that
 * run Spark. Those exceptions take their versions from parent properties too.
 */
class VersionRulesTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** module -> the managed artifacts it may declare itself, each with a version from a parent property. */
    private static final Map<String, Set<String>> LOCAL_MANAGEMENT = Map.of(
            "explainer-service",
            Set.of("tools.jackson:jackson-bom", "org.springframework.boot:spring-boot-dependencies"),
            "batch-service",
            Set.of(
                    "tools.jackson:jackson-bom",
                    "org.springframework.boot:spring-boot-dependencies",
                    "software.amazon.awssdk:bom",
                    "io.awspring.cloud:spring-cloud-aws-dependencies"),
            "etl-glue-job",
            Set.of("com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-databind"),
            "pipeline",
            Set.of(
                    "com.fasterxml.jackson.core:jackson-core",
                    "com.fasterxml.jackson.core:jackson-databind",
                    "org.scala-lang:scala-library",
                    "commons-codec:commons-codec",
                    "com.google.code.findbugs:jsr305",
                    "org.xerial.snappy:snappy-java",
                    "org.apache.zookeeper:zookeeper",
                    "org.apache.yetus:audience-annotations",
                    "io.airlift:aircompressor",
                    "com.github.luben:zstd-jni"));

    @Test
    void noModuleDefinesAVersionProperty() throws Exception {
        for (String module : modules()) {
            List<String> versionProperties = new ArrayList<>();
            for (Element properties : descendants(pom(module), "properties")) {
                for (Node node = properties.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element property
                            && property.getTagName().endsWith(".version")) {
                        versionProperties.add(property.getTagName());
                    }
                }
            }
            assertThat(versionProperties)
                    .as("version properties in %s/pom.xml: move them to the parent's <properties>", module)
                    .isEmpty();
        }
    }

    @Test
    void noModuleDeclaresTheVersionOfADependencyOrPlugin() throws Exception {
        for (String module : modules()) {
            List<String> versioned = new ArrayList<>();
            for (String kind : List.of("dependency", "plugin")) {
                for (Element element : descendants(pom(module), kind)) {
                    if (child(element, "version") != null && !within(element, "dependencyManagement")) {
                        versioned.add(coordinates(element) + ":" + child(element, "version"));
                    }
                }
            }
            assertThat(versioned)
                    .as(
                            "versions in %s/pom.xml: manage them in the parent's dependencyManagement/pluginManagement",
                            module)
                    .isEmpty();
        }
    }

    @Test
    void moduleDependencyManagementIsLimitedToTheDocumentedPinsAndTheirVersionsComeFromTheParent() throws Exception {
        for (String module : modules()) {
            Set<String> managed = new TreeSet<>();
            for (Element management : descendants(pom(module), "dependencyManagement")) {
                for (Element dependency : descendants(management, "dependency")) {
                    managed.add(coordinates(dependency));
                    assertThat(child(dependency, "version"))
                            .as("version of %s in %s/pom.xml", coordinates(dependency), module)
                            .matches(
                                    "\\$\\{(spark\\.[a-z0-9-]+|spring-boot|spring-cloud-aws|aws-sdk|jackson3)\\.version}");
                }
            }
            assertThat(managed)
                    .as("dependencyManagement of %s/pom.xml", module)
                    .isSubsetOf(LOCAL_MANAGEMENT.getOrDefault(module, Set.of()));
        }
    }

    @Test
    void theParentManagesTheVersionsThatModulesUseWithoutDeclaringThem() throws Exception {
        Element parent = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile())
                .getDocumentElement();
        Set<String> managed = new TreeSet<>();
        for (Element management : descendants(parent, "dependencyManagement")) {
            descendants(management, "dependency").forEach(dependency -> managed.add(coordinates(dependency)));
        }
        assertThat(managed)
                .contains(
                        "org.webjars.npm:echarts",
                        "org.seleniumhq.selenium:selenium-java",
                        "org.testcontainers:testcontainers-bom",
                        "software.amazon.awscdk:aws-cdk-lib",
                        "org.apache.spark:spark-sql_2.12");
        Set<String> plugins = new TreeSet<>();
        for (Element management : descendants(parent, "pluginManagement")) {
            descendants(management, "plugin").forEach(plugin -> plugins.add(coordinates(plugin)));
        }
        assertThat(plugins)
                .contains(
                        "com.google.cloud.tools:jib-maven-plugin", "org.springframework.boot:spring-boot-maven-plugin");
    }

    private static List<String> modules() throws Exception {
        List<String> modules = new ArrayList<>();
        NodeList nodes = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile())
                .getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().strip());
        }
        return modules;
    }

    private static Element pom(String module) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve(module).resolve("pom.xml").toFile())
                .getDocumentElement();
    }

    private static List<Element> descendants(Element root, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static boolean within(Element element, String ancestor) {
        for (Node node = element.getParentNode(); node instanceof Element parent; node = parent.getParentNode()) {
            if (parent.getTagName().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }

    private static String coordinates(Element element) {
        String group = child(element, "groupId");
        return (group == null ? "org.apache.maven.plugins" : group) + ":" + child(element, "artifactId");
    }
}
