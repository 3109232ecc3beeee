package org.pipelineledger.bench.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

    /**
     * Gives every processing group its own copy of the shared processor's tokens, for a variant that runs one
     * processor per group (V0) on a template the tuned app (one shared processor) brought to the head: without them
     * V0's processors would start from the first event and rebuild every read model during the measurement.
     *
     * @return token rows written
     */
    public static int splitSharedTokens(String sharedProcessor, List<String> groups) throws SQLException {
        int written = 0;
        try (Connection connection = DriverManager.getConnection(AppSettings.datasourceUrl(H2Mode.FILE), "sa", "");
             PreparedStatement copy = connection.prepareStatement("""
                     INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)
                     SELECT ?, segment, token, tokentype, timestamp, NULL FROM tokenentry WHERE processorname = ?""")) {
            for (String group : groups) {
                copy.setString(1, group);
                copy.setString(2, sharedProcessor);
                written += copy.executeUpdate();
            }
        }
        return written;
    }
}
