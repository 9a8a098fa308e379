package org.integrationhub.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The example connector's bundle (built by plugins/example) and copies of it carrying another Bundle-Version. */
final class ConnectorJar {

    private ConnectorJar() {
    }

    /** @return the built hub-plugin-example bundle (system property {@code hub.example.connector}, set by the pom) */
    static Path example() {
        String property = System.getProperty("hub.example.connector");
        Path jar = property == null ? null : Paths.get(property);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new AssertionError("build plugins/example first: no bundle at " + property);
        }
        return jar;
    }

    /**
     * Writes a copy of {@code jar} whose manifest says {@code Bundle-Version: version}: what fileinstall sees as
     * a new version of the same bundle.
     */
    static Path withVersion(Path jar, String version, Path target) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            Files.createDirectories(target.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    copy(in, out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** @return the Bundle-Version in the manifest of {@code jar} */
    static String bundleVersion(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
    }
}
