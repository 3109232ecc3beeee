package org.pipelineledger.app;

import org.pipelineledger.app.web.BodyLimitExemption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An export's upload is larger than the API's 64 KiB body limit; the import's multipart limits bound it instead
 * ({@code ledger.import.max-upload-size}, command side). Here, because the body limit lives in the app module.
 */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    BodyLimitExemption importUploads() {
        return request -> "POST".equals(request.getMethod()) && "/api/imports".equals(request.getServletPath())
                && request.getContentType() != null && request.getContentType().startsWith("multipart/");
    }
}
