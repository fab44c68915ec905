" Apptainer/Singularity definition files: Singularity*, Apptainer*, and *.def files that have
" a `Bootstrap:` line (other *.def files keep their own filetype).
augroup cdls_apptainer_ftdetect
  autocmd!
  autocmd BufRead,BufNewFile Singularity,Singularity.*,Apptainer,Apptainer.* setlocal filetype=apptainer
  autocmd BufRead,BufNewFile *.def
        \ if search('\c^\s*bootstrap\s*:', 'nw') > 0 | setlocal filetype=apptainer | endif
augroup END
