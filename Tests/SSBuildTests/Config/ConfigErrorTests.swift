import Foundation
import SSCompilers
import Testing

@testable import SSBuild

private func configFailure(
    _ files: [String: String], env: String? = nil, environment: [String: String] = [:],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    let resolver = InMemoryResolver(files: Dictionary(uniqueKeysWithValues: files.map { ("/app/" + $0.key, $0.value) }))
    do {
        _ = try ConfigLoader.load(projectRoot: "/app", env: env, environment: environment, resolver: resolver)
        Issue.record("expected a config error", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite("Config errors")
struct ConfigErrorTests {
    @Test func unknownKeyInJSONNamesFileLineColumnAndSuggests() {
        let json = """
            {
              "api": {
                "prefx": "/rpc"
              }
            }
            """
        let errors = configFailure(["config/app.json": json])
        #expect(errors.count == 1)
        #expect(
            errors.first?.rendered() == """
                config/app.json:3:5: error[CFG0002]: unknown key 'api.prefx'
                  1 | {
                  2 |   "api": {
                > 3 |     "prefx": "/rpc"
                    |     ^
                  4 |   }
                  5 | }
                  = did you mean 'api.prefix'?
                """)
    }

    @Test func everyUnknownKeyIsReported() {
        let errors = configFailure(["config/app.json": #"{"prot": 1, "database": {"url": "x"}, "log": {"lvl": 2}}"#])
        #expect(
            errors.map(\.headline) == [
                "config/app.json:1:13: error[CFG0002]: unknown key 'database'",
                "config/app.json:1:47: error[CFG0002]: unknown key 'log.lvl'",
                "config/app.json:1:2: error[CFG0002]: unknown key 'prot'",
            ])
        #expect(errors.last?.notes == ["did you mean 'port'?"])
    }

    @Test func unknownKeyInYAMLEnvironmentFile() {
        let errors = configFailure(
            ["config/environments/production.yml": "assets:\n  minify: true\n  gzip: true\n"],
            env: "production")
        #expect(
            errors.map(\.headline) == [
                "config/environments/production.yml:3:3: error[CFG0002]: unknown key 'assets.gzip'"
            ])
    }

    @Test func unknownKeyFromAVariable() {
        let errors = configFailure([:], environment: ["SS_CONFIG_API__PREFX": "/x"])
        #expect(
            errors.map { $0.rendered() } == [
                "environment variable SS_CONFIG_API__PREFX: error[CFG0002]: unknown key 'api.prefx'\n"
                    + "  = did you mean 'api.prefix'?"
            ])
    }

    @Test func wrongTypeInJSON() {
        let errors = configFailure(["config/app.json": "{\n  \"port\": \"abc\"\n}"])
        #expect(
            errors.map(\.headline) == [
                #"config/app.json:2:11: error[CFG0003]: 'port' must be an integer, not a string ("abc")"#
            ])
    }

    @Test func wrongTypeFromAVariable() {
        let errors = configFailure([:], environment: ["SS_PORT": "http"])
        #expect(
            errors.map(\.headline) == [
                #"environment variable SS_PORT: error[CFG0003]: 'port' must be an integer, not a string ("http")"#
            ])
    }

    @Test func wrongTypeInYAMLSuggestsQuoting() {
        let errors = configFailure(["config/app.yml": "session:\n  cookieName: yes\n"])
        #expect(
            errors.first?.headline
                == "config/app.yml:2:15: error[CFG0003]: 'session.cookieName' must be a string, not a boolean (true)")
        #expect(errors.first?.notes == ["YAML reads plain yes/no/true/1.5 as non-strings; quote the value"])
    }

    @Test func objectWhereAScalarBelongsAndTheReverse() {
        #expect(
            configFailure(["config/app.json": #"{"port": {"value": 1}}"#]).first?.message
                == "'port' must be an integer, not an object")
        #expect(
            configFailure(["config/app.json": #"{"assets": true}"#]).first?.message
                == "'assets' must be an object, not a boolean (true)")
        #expect(
            configFailure(["config/app.json": #"{"port": 3000.5}"#]).first?.message
                == "'port' must be an integer, not a number (3000.5)")
    }

    @Test func enumValuesAreChecked() {
        let errors = configFailure(["config/app.json": #"{"assets": {"compress": ["gzip", "zstd"]}}"#])
        #expect(
            errors.map(\.headline) == [
                #"config/app.json:1:34: error[CFG0004]: invalid value for 'assets.compress[1]': expected one of gzip, brotli, not "zstd""#
            ])
    }

    @Test func rangeChecksPointAtTheValueAndAreAllReported() {
        let json = #"{"log": {"level": 7}, "api": {"prefix": "api"}, "limiter": {"rps": 0}}"#
        let errors = configFailure(["config/app.json": json])
        #expect(
            errors.map(\.headline) == [
                "config/app.json:1:19: error[CFG0004]: 'log.level' must be between 0 (silent) and 4 (debug), not 7",
                #"config/app.json:1:41: error[CFG0004]: 'api.prefix' must start with '/', not end with '/', and use only URL path characters, not "api""#,
                "config/app.json:1:68: error[CFG0004]: 'limiter.rps' must be at least 1, not 0",
            ])
    }

    @Test func sslNeedsCertificateAndKey() {
        let errors = configFailure(["config/app.yml": "ssl:\n  enabled: true\n  key: key.pem\n"])
        #expect(
            errors.map(\.headline) == [
                "config/app.yml:2:3: error[CFG0006]: 'ssl' is enabled but 'ssl.cert' is not set"
            ])
    }

    @Test func badRedisURL() {
        let errors = configFailure(["config/app.json": #"{"redis": {"url": "localhost:6379"}}"#])
        #expect(errors.first?.id == .configInvalidValue)
        #expect(errors.first?.message.contains("redis://") == true)
    }

    @Test func syntaxErrorsInBothFilesAreReportedTogether() {
        let errors = configFailure(
            [
                "config/app.json": "{\n  \"port\": 3000,\n}\n",
                "config/environments/production.yml": "assets:\n  minify: [true\n",
            ], env: "production")
        #expect(errors.map(\.id) == [.configSyntax, .configSyntax])
        #expect(
            errors.first?.headline
                == "config/app.json:3:1: error[CFG0001]: invalid JSON: expected a key in double quotes (no trailing commas in JSON)"
        )
        #expect(errors.last?.locationPrefix.hasPrefix("config/environments/production.yml:") == true)
    }

    @Test func aFileMustHoldAnObject() {
        #expect(
            configFailure(["config/app.json": "[1, 2]"]).map(\.headline) == [
                "config/app.json:1:1: error[CFG0003]: config/app.json must contain an object of settings, not an array"
            ])
    }

    @Test func malformedVariableNames() {
        let errors = configFailure([:], environment: ["SS_CONFIG_": "1", "SS_CONFIG_A____B": "2"])
        #expect(errors.map(\.id) == [.configInvalidValue, .configInvalidValue])
        #expect(
            errors.first?.headline
                == "environment variable SS_CONFIG_: error[CFG0004]: cannot read a key path from 'SS_CONFIG_'")
    }

    @Test func configErrorDescriptionRendersEveryDiagnostic() {
        let error = ConfigError(configFailure(["config/app.json": #"{"a": 1, "b": 2}"#]))
        #expect(error.description.components(separatedBy: "error[CFG0002]").count == 3)
    }
}
