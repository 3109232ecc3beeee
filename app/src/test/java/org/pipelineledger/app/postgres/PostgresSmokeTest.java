package org.pipelineledger.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresSmokeTest {

    @Test
    void aFreshDatabaseOnTheSharedServerIsARealPostgres17() throws Exception {
        String url = Postgres.shared().newDatabase();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW server_version")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).startsWith("17.");
        }
    }
}
