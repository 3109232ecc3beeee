package org.pipelineledger.bench.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.pipelineledger.bench.AppSettings;
import org.pipelineledger.bench.H2Mode;

/** Direct access to a copied template database before the application opens it. */
public final class TemplateDatabase {

    private TemplateDatabase() {
    }

    /**
     * Drops the template's tracking tokens, so that each variant lays out its own segments: a one-thread tracking
     * processor (V0) would never claim the extra segments a tuned pooled processor (T) left behind.
     */
    public static int dropTokens() throws SQLException {
        try (Connection connection = DriverManager.getConnection(AppSettings.datasourceUrl(H2Mode.FILE), "sa", "");
             Statement statement = connection.createStatement()) {
            return statement.executeUpdate("DELETE FROM tokenentry");
        }
    }
}
