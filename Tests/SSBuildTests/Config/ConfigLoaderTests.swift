import Foundation
import SSCompilers
import Testing

@testable import SSBuild

/// Loads the config of a project at /app made of `files` (paths relative to /app).
private func configLoad(
    _ files: [String: String] = [:], env: String? = nil, environment: [String: String] = [:]
) throws(ConfigError) -> AppConfig {
    let resolver = InMemoryResolver(files: Dictionary(uniqueKeysWithValues: files.map { ("/app/" + $0.key, $0.value) }))
    return try ConfigLoader.load(projectRoot: "/app", env: env, environment: environment, resolver: resolver)
}

/// The diagnostics of a load that must fail.
private func configErrors(
    _ files: [String: String] = [:], env: String? = nil, environment: [String: String] = [:],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    do {
        let config = try configLoad(files, env: env, environment: environment)
        Issue.record("expected a config error, loaded \(config)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite("Config presets and environments")
struct ConfigPresetTests {
    @Test func developmentIsTheDefault() throws {
        let config = try configLoad()
        #expect(config.env == "development")
        #expect(config.port == 3000)
        #expect(config.host == "127.0.0.1")
        #expect(config.log.level == 3)
        #expect(config.assets == .init(minify: false, compress: [], sourceMaps: true, keepReleases: 2))
        #expect(config.api == .init(enabled: true, prefix: "/api"))
        #expect(config.session == .init(idleTimeout: 86400, cookieName: "session_id"))
        #expect(config.redis == nil)
        #expect(config.limiter == .init(enabled: false, rps: 15, burst: 30))
        #expect(config.ssl == .init(enabled: false, cert: nil, key: nil, redirectPort: nil))
        #expect(config.rpc.checkContract)
        #expect(config.views.locals.isEmpty)
    }

    @Test func productionPreset() throws {
        let config = try configLoad(env: "production")
        #expect(config.env == "production")
        #expect(config.host == "0.0.0.0")
        #expect(config.log.level == 1)
        #expect(config.assets == .init(minify: true, compress: [.gzip, .brotli], sourceMaps: false, keepReleases: 2))
        #expect(config.limiter.enabled)
        #expect(!config.rpc.checkContract)
    }

    @Test func stagingPreset() throws {
        let config = try configLoad(env: "staging")
        #expect(config.host == "0.0.0.0")
        #expect(config.assets.minify && config.assets.sourceMaps)
        #expect(config.log.level == 3)
        #expect(config.rpc.checkContract)
    }

    @Test func flagBeatsSSENV() throws {
        #expect(try configLoad(environment: ["SS_ENV": "production"]).env == "production")
        #expect(try configLoad(env: "staging", environment: ["SS_ENV": "production"]).env == "staging")
        #expect(try configLoad(environment: ["SS_ENV": ""]).env == "development")
    }

    @Test func aCustomEnvironmentNeedsItsFileAndStartsFromTheBaseDefaults() throws {
        let config = try configLoad(["config/environments/ci.json": #"{"port": 0}"#], env: "ci")
        #expect(config.env == "ci")
        #expect(config.port == 0)
        #expect(config.assets.minify && config.host == "127.0.0.1")
    }

    @Test func anUnknownEnvironmentIsAnErrorWithASuggestion() {
        let errors = configErrors(env: "prodution")
        #expect(
            errors.map { $0.rendered() } == [
                "option --env: error[CFG0009]: unknown environment 'prodution': no built-in preset and no "
                    + "config/environments/prodution.{json,yml}\n  = did you mean 'production'?"
            ])
        let fromVariable = configErrors(environment: ["SS_ENV": "qa"])
        #expect(fromVariable.first?.headline.hasPrefix("environment variable SS_ENV: error[CFG0009]") == true)
    }

    @Test(arguments: ["Production", "prod env", "../etc", "", "é"])
    func invalidEnvironmentNames(name: String) {
        let errors = configErrors(env: name)
        #expect(errors.map(\.id) == [.configInvalidEnvironmentName])
        #expect(
            errors.first?.message == "invalid environment name '\(name)': use lowercase letters, digits, '_' and '-'")
    }

    @Test func configFilesCannotSetEnv() {
        let errors = configErrors(["config/app.json": #"{"env": "production"}"#])
        #expect(
            errors.map(\.headline) == [
                "config/app.json:1:2: error[CFG0004]: 'env' cannot be set in configuration; use --env or SS_ENV"
            ])
    }
}

@Suite("Config layering")
struct ConfigLayeringTests {
    @Test func appFileThenEnvironmentFileThenVariables() throws {
        let files = [
            "config/app.json": #"{"port": 4000, "host": "10.0.0.1", "assets": {"keepReleases": 3}}"#,
            "config/environments/production.yml": "port: 5000\nassets:\n  minify: false\n",
        ]
        let config = try configLoad(files, env: "production", environment: ["SS_PORT": "6000"])
        #expect(config.port == 6000)
        #expect(config.host == "10.0.0.1")
        // Deep merge: siblings from every layer survive.
        #expect(config.assets == .init(minify: false, compress: [.gzip, .brotli], sourceMaps: false, keepReleases: 3))
        #expect(try configLoad(files, env: "production").port == 5000)
        #expect(try configLoad(files, env: "development").port == 4000)
    }

    @Test func yamlAndYmlAreBothAccepted() throws {
        #expect(try configLoad(["config/app.yaml": "api:\n  prefix: /rpc\n"]).api.prefix == "/rpc")
        #expect(try configLoad(["config/app.yml": "api:\n  enabled: no\n"]).api.enabled == false)
    }

    @Test func twoFilesForOneLayerAreAnError() {
        let errors = configErrors(["config/app.json": "{}", "config/app.yml": ""])
        #expect(
            errors.map(\.headline) == [
                "config/app.json: error[CFG0008]: config/app.json and config/app.yml both exist; keep only one"
            ])
    }

    @Test func genericVariablesReachAnyKey() throws {
        let config = try configLoad(environment: [
            "SS_CONFIG_ASSETS__KEEP_RELEASES": "5",
            "SS_CONFIG_API__ENABLED": "false",
            "SS_CONFIG_SESSION__COOKIE_NAME": "sid",
            "SS_CONFIG_ASSETS__COMPRESS": #"["gzip"]"#,
            "SS_CONFIG_VIEWS__LOCALS": #"{"title": "Chat", "n": 2}"#,
            "SS_CONFIG_SSL__REDIRECT_PORT": "8080",
            "SS_HOST": "::1",
            "SS_UNRELATED": "ignored",
        ])
        #expect(config.assets.keepReleases == 5)
        #expect(!config.api.enabled)
        #expect(config.session.cookieName == "sid")
        #expect(config.assets.compress == [.gzip])
        #expect(config.views.locals == ["title": .string("Chat"), "n": .number(2)])
        #expect(config.ssl.redirectPort == 8080)
        #expect(config.host == "::1")
    }

    @Test func shortcutVariablesWinOverGenericOnes() throws {
        #expect(try configLoad(environment: ["SS_CONFIG_PORT": "1", "SS_PORT": "2"]).port == 2)
    }

    @Test func nullUnsetsAnOptional() throws {
        let files = ["config/app.json": #"{"ssl": {"redirectPort": 80}}"#]
        #expect(try configLoad(files).ssl.redirectPort == 80)
        #expect(try configLoad(files, environment: ["SS_CONFIG_SSL__REDIRECT_PORT": "null"]).ssl.redirectPort == nil)
    }

    @Test func redisIsOffUntilConfigured() throws {
        #expect(try configLoad().redis == nil)
        #expect(try configLoad(["config/app.yml": "redis: {}\n"]).redis == .init())
        let custom = try configLoad(["config/app.json": #"{"redis": {"url": "redis://db:6380/2", "prefix": "chat:"}}"#])
        #expect(custom.redis == .init(url: "redis://db:6380/2", prefix: "chat:"))
    }

    @Test func viewLocalsAreFreeForm() throws {
        let config = try configLoad([
            "config/app.yml": """
            views:
              locals:
                title: Chat
                nested: { list: [1, two, null], flag: true }
            """
        ])
        #expect(
            config.views.locals["nested"]
                == .object([
                    "list": .array([.number(1), .string("two"), .null]), "flag": .bool(true),
                ]))
        #expect(config.views.localsJSON == #"{"nested":{"flag":true,"list":[1,"two",null]},"title":"Chat"}"#)
    }

    @Test func assetsSettingsMapToReleaseCompression() throws {
        #expect(try configLoad(env: "production").assets.releaseCompression == ReleaseCompression())
        #expect(try configLoad(env: "development").assets.releaseCompression == .none)
        let gzipOnly = try configLoad(environment: ["SS_CONFIG_ASSETS__COMPRESS": #"["gzip"]"#])
        #expect(gzipOnly.assets.releaseCompression == ReleaseCompression(gzip: true, brotli: false))
    }

    @Test func candidateFilesForWatching() {
        #expect(
            ConfigLoader.candidateFiles(env: "staging") == [
                "config/app.json", "config/app.yml", "config/app.yaml",
                "config/environments/staging.json", "config/environments/staging.yml",
                "config/environments/staging.yaml",
            ])
    }
}
