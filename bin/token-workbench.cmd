@echo off
rem The Token Workbench: opens the window, or runs a command (check, discover, demo). token-workbench --help
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\client-fx\target\client-fx.jar"
if not exist "%JAR%" (
    echo %JAR% is not built yet: run "mvn -DskipTests package" in %ROOT% first. 1>&2
    exit /b 1
)
call "%~dp0lib\find-java.cmd" || exit /b 1
"%JAVA%" --module-path "%ROOT%\client-fx\target\javafx" --add-modules javafx.controls --enable-native-access=javafx.graphics,ALL-UNNAMED -jar "%JAR%" %*
exit /b %ERRORLEVEL%
