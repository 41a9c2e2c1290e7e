set terminal pngcairo size 900,520 font ",11" noenhanced
set output 'bench/scaling.png'
set title 'gcheal scan: client CPU and peak RSS vs org size (page size 100, medians)'
set logscale x 10
set logscale y 10
set xlabel 'actions in the org'
set ylabel 'client CPU time, s (user + sys)'
set y2label 'peak RSS, MiB'
set y2range [0:*]
set ytics nomirror
set y2tics
set key top left
set grid
plot 'bench/scaling.dat' using 1:2 with linespoints lw 2 pt 7 title 'CPU (s, log)', \
     '' using 1:3 axes x1y2 with linespoints lw 2 pt 5 title 'peak RSS (MiB, linear)'
