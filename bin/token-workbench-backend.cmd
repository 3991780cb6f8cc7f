@echo off
rem The backend, configured by environment variables (docs\operating.md).
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\backend-helidon\target\backend-helidon.jar"
if not exist "%JAR%" (
    echo %JAR% is not built yet: run "mvn -DskipTests package" in %ROOT% first. 1>&2
    exit /b 1
)
call "%~dp0lib\find-java.cmd" || exit /b 1
"%JAVA%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
