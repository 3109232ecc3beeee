package org.pipelineledger.query.support;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The named-parameter JDBC template every read model (and the rest of the application) is given: over
 * {@link VersionedTablesDataSource}, so that a read model's statements reach the version of its tables meant (ADR
 * 0019). Spring Boot's own template backs off; its plain {@code JdbcTemplate} stays on the application's data source.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelJdbcConfiguration {

    @Bean
    @Primary
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(DataSource dataSource, ReadModelTables tables) {
        return new NamedParameterJdbcTemplate(new VersionedTablesDataSource(dataSource, tables));
    }
}
