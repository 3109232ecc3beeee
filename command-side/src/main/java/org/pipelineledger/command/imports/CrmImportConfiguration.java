package org.pipelineledger.command.imports;

import jakarta.servlet.MultipartConfigElement;
import java.time.Clock;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/** The CRM import: its settings, its job store, and multipart limits large enough for an export. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportSettings.class)
class CrmImportConfiguration {

    @Bean
    CrmImporter crmImporter(OpportunityCommandSender sender, JdbcTemplate jdbc, Clock clock, PipelineCatalog catalog,
                            ImportSettings settings) {
        return new CrmImporter(sender, new ImportJobs(jdbc, clock), clock, catalog, settings);
    }

    /**
     * Replaces Spring Boot's multipart limits (1 MB a file, 10 MB a request, {@code spring.servlet.multipart.*}),
     * which an export's pipeline file outgrows; uploads are written to disk from the first byte.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(ImportSettings settings) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(settings.maxUploadSize());
        factory.setMaxRequestSize(settings.maxUploadSize());
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
