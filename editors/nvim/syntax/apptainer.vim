" Syntax of Apptainer/Singularity definition files: header keys, agents, section names,
" comments and {{ build arguments }}; script sections are shell.
if exists('b:current_syntax')
  finish
endif

syntax include @apptainerShell syntax/sh.vim
unlet! b:current_syntax

syntax case ignore
syntax match apptainerHeaderKey /^\s*\zs[A-Za-z][A-Za-z0-9_-]*\ze\s*:/ contained
syntax match apptainerHeaderLine /^\s*[A-Za-z][A-Za-z0-9_-]*\s*:.*$/ contains=apptainerHeaderKey,apptainerAgent,apptainerTemplate
syntax match apptainerAgent /\(^\s*bootstrap\s*:\s*\)\@<=[A-Za-z0-9-]\+/ contained
syntax case match
syntax match apptainerComment /^\s*#.*$/ contains=@Spell
syntax region apptainerTemplate start=/{{/ end=/}}/ oneline contained containedin=ALL
syntax match apptainerSection /^\s*%[A-Za-z][A-Za-z0-9_-]*/

syntax region apptainerScript matchgroup=apptainerSection
      \ start=/^\s*%\(post\|setup\|environment\|runscript\|startscript\|test\|pre\|appinstall\|apprun\|appenv\|apptest\|appstart\)\>.*$/
      \ end=/^\ze\s*%[A-Za-z]/ contains=@apptainerShell,apptainerTemplate keepend
syntax region apptainerText matchgroup=apptainerSection
      \ start=/^\s*%\(help\|apphelp\|files\|appfiles\|labels\|applabels\|arguments\)\>.*$/
      \ end=/^\ze\s*%[A-Za-z]/ contains=apptainerComment,apptainerTemplate keepend

highlight default link apptainerHeaderKey Keyword
highlight default link apptainerAgent Type
highlight default link apptainerSection Statement
highlight default link apptainerComment Comment
highlight default link apptainerTemplate PreProc

let b:current_syntax = 'apptainer'
