package io.streamback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Keeps the published coordinates in step with the build: streamback-bom has no parent (so that
 * importing it pins nothing but Streamback), hence nothing makes its version and metadata follow
 * the parent's but this test; and the README's Maven snippets must name the project's version.
 */
class CoordinatesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern README_VERSION = Pattern.compile(
            "<groupId>io\\.streamback</groupId>\\s*<artifactId>([\\w-]+)</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void theBomHasTheParentsVersionAndMetadata() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("streamback-bom/pom.xml"));

        for (String field : List.of("/project/version", "/project/url", "/project/licenses", "/project/developers",
                "/project/scm/url", "/project/scm/connection", "/project/scm/developerConnection")) {
            assertThat(text(bom, field)).as(field).isEqualTo(text(parent, field));
        }
    }

    @Test
    void theBomManagesEveryPublishedArtifactAtItsOwnVersion() throws Exception {
        Document bom = read(ROOT.resolve("streamback-bom/pom.xml"));

        assertThat(values(bom, "/project/dependencyManagement/dependencies/dependency/artifactId"))
                .containsExactly("streamback", "streamback-testkit", "streamback-spring-boot-starter",
                        "streamback-micrometer", "streamback-opentelemetry");
        assertThat(values(bom, "/project/dependencyManagement/dependencies/dependency/groupId"))
                .containsOnly("io.streamback");
        assertThat(values(bom, "/project/dependencyManagement/dependencies/dependency/version"))
                .containsOnly("${project.version}");
    }

    @Test
    void theReadmeNamesTheProjectsVersion() throws Exception {
        String version = text(read(ROOT.resolve("pom.xml")), "/project/version");
        Matcher matcher = README_VERSION.matcher(Files.readString(ROOT.resolve("README.md")));

        List<String> artifacts = new ArrayList<>();
        while (matcher.find()) {
            assertThat(matcher.group(2)).as("README's version of %s", matcher.group(1)).isEqualTo(version);
            artifacts.add(matcher.group(1));
        }
        assertThat(artifacts).contains("streamback", "streamback-bom", "streamback-testkit");
    }

    private static Document read(Path pom) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Document document, String path) throws XPathExpressionException {
        return XPathFactory.newInstance().newXPath().evaluate(path, document).replaceAll("\\s+", " ").trim();
    }

    private static List<String> values(Document document, String path) throws XPathExpressionException {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate(path, document, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }
}
