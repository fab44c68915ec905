# escape=`
# expect: no diagnostics; backslashes are plain characters, ` continues lines
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY C:\src C:\app
RUN dir `
    C:\app
