package org.integrationhub.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First boot only: Karaf ships etc/users.properties with every user commented out, so nobody could log in to
 * ssh, bin/client or the web console. If no user is defined, this creates {@code admin} with a random password
 * written to etc/initial-admin-password (owner-only), the way Jenkins does. No published default password exists.
 */
@Component(service = {}, immediate = true)
public class AdminCredentialBootstrap {

    static final String PASSWORD_FILE = "initial-admin-password";

    private final Logger logger = LoggerFactory.getLogger(AdminCredentialBootstrap.class);

    @Activate
    void activate() {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            return;
        }
        try {
            if (createAdminIfNoUsers(Paths.get(etc), new SecureRandom())) {
                logger.warn("Created the Karaf user 'admin' with a random password, stored in {}; change it "
                        + "(jaas:realm-manage --realm karaf; jaas:user-add ...) and delete that file", Paths.get(etc, PASSWORD_FILE));
            }
        } catch (IOException e) {
            logger.error("Could not create the initial admin user in {}/users.properties: {}", etc, e.getMessage());
        }
    }

    /** @return true if a user was created */
    static boolean createAdminIfNoUsers(Path etc, SecureRandom random) throws IOException {
        Path users = etc.resolve("users.properties");
        List<String> lines = Files.exists(users) ? Files.readAllLines(users, StandardCharsets.UTF_8) : List.of();
        if (definesUser(lines)) {
            return false;
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path passwordFile = etc.resolve(PASSWORD_FILE);
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + System.lineSeparator(), StandardCharsets.UTF_8);
        String entry = System.lineSeparator()
                + "# Created on first boot by Integration Hub; the password is in etc/" + PASSWORD_FILE
                + " (hashed here after the first login)" + System.lineSeparator()
                + "admin = " + password + ",_g_:admingroup" + System.lineSeparator()
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh" + System.lineSeparator();
        Files.writeString(users, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return true;
    }

    static boolean definesUser(List<String> lines) {
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            if (!line.startsWith("_g_") && line.contains("=")) {
                return true;
            }
        }
        return false;
    }
}
