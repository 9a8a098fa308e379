package org.integrationhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialBootstrapTest {

    @TempDir
    Path etc;

    @Test
    void createsAdminWhenEveryUserIsCommentedOut() throws Exception {
        Files.writeString(etc.resolve("users.properties"), "# karaf = karaf,_g_:admingroup\n#_g_\\:admingroup = group,admin\n");
        assertThat(AdminCredentialBootstrap.createAdminIfNoUsers(etc, new SecureRandom())).isTrue();

        String password = Files.readString(etc.resolve(AdminCredentialBootstrap.PASSWORD_FILE)).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve(AdminCredentialBootstrap.PASSWORD_FILE))))
                .isEqualTo("rw-------");
        Properties users = new Properties();
        try (var in = Files.newInputStream(etc.resolve("users.properties"))) {
            users.load(in);
        }
        assertThat(users.getProperty("admin")).isEqualTo(password + ",_g_:admingroup");
        assertThat(users.getProperty("_g_:admingroup")).contains("admin", "ssh");

        // second boot: a user exists now, nothing changes
        assertThat(AdminCredentialBootstrap.createAdminIfNoUsers(etc, new SecureRandom())).isFalse();
        assertThat(Files.readString(etc.resolve(AdminCredentialBootstrap.PASSWORD_FILE)).trim()).isEqualTo(password);
    }

    @Test
    void leavesAnExistingUserAlone() throws Exception {
        Files.writeString(etc.resolve("users.properties"), "ops = {CRYPT}abc{CRYPT},_g_:admingroup\n");
        assertThat(AdminCredentialBootstrap.createAdminIfNoUsers(etc, new SecureRandom())).isFalse();
        assertThat(Files.exists(etc.resolve(AdminCredentialBootstrap.PASSWORD_FILE))).isFalse();
    }

    @Test
    void groupLinesAreNotUsers() {
        assertThat(AdminCredentialBootstrap.definesUser(List.of("_g_\\:admingroup = group,admin", "", "# x = y"))).isFalse();
    }
}
