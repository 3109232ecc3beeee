package org.pipelineledger.query.support;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Conversions between the read models' Java types and the standard SQL types they are stored as
 * ({@code TIMESTAMP WITH TIME ZONE}, {@code DATE}, {@code NUMERIC}), written once so that H2 and PostgreSQL see the
 * same JDBC 4.2 types. Parameters carry their SQL type so that a {@code null} binds the same way on both databases.
 */
public final class JdbcValues {

    private JdbcValues() {
    }

    public static SqlParameterValue timestamp(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
                instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static SqlParameterValue date(LocalDate date) {
        return new SqlParameterValue(Types.DATE, date);
    }

    public static SqlParameterValue text(Object value) {
        return new SqlParameterValue(Types.VARCHAR, value == null ? null : value.toString());
    }

    public static SqlParameterValue numeric(BigDecimal value) {
        return new SqlParameterValue(Types.NUMERIC, value);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs, rs.findColumn(column));
    }

    /** By position, for loops over many rows: H2 looks a column label up in a map on every call. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    /** Amounts are stored with a generous fixed scale; give them back without the padding zeros (5000, 1234.5). */
    public static BigDecimal amount(ResultSet rs, String column) throws SQLException {
        return plain(rs.getBigDecimal(column));
    }

    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A nullable BIGINT column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
