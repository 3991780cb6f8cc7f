@echo off
rem Called by the launchers in bin\: sets JAVA to a java.exe of version 25 or later, or says what to install and
rem exits 1. Looked at, in order: TOKEN_WORKBENCH_JAVA, JAVA_HOME, the JDK folders of Adoptium, Oracle and
rem Microsoft under Program Files, and java on PATH.
set "JAVA="
if defined TOKEN_WORKBENCH_JAVA call :try "%TOKEN_WORKBENCH_JAVA%"
if not defined JAVA if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /d %%H in ("%ProgramFiles%\Eclipse Adoptium\jdk-*" "%ProgramFiles%\Java\jdk-*" "%ProgramFiles%\Microsoft\jdk-*") do if not defined JAVA call :try "%%~H\bin\java.exe"
if not defined JAVA for /f "delims=" %%J in ('where java 2^>nul') do if not defined JAVA call :try "%%~J"
if defined JAVA exit /b 0
echo Token Workbench needs Java 25 or later, and none was found. 1>&2
echo Install a JDK 25 (for example from https://adoptium.net), then set JAVA_HOME or TOKEN_WORKBENCH_JAVA to it. 1>&2
exit /b 1

:try
if not exist "%~1" exit /b 0
set "TWB_VERSION="
rem cmd /c strips one outer pair of quotes, hence the extra pair around the whole command.
for /f "tokens=2 delims==" %%V in ('""%~1" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version""') do set "TWB_VERSION=%%V"
if not defined TWB_VERSION exit /b 0
set "TWB_MAJOR=0"
set /a TWB_MAJOR=%TWB_VERSION: =% 2>nul
if %TWB_MAJOR% GEQ 25 set "JAVA=%~1"
exit /b 0
